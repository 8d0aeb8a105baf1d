import type { ClaimSource } from '../../api/types';

/** One mapping as the admin edits it; `key` keeps React rows stable while rows come and go. */
export interface MappingRow {
	key: number;
	claim: string;
	source: ClaimSource;
	metaKey: string;
	scope: string;
}

/** The fields as the REST API names them, so server problems land on the right input. */
export type MappingField = 'claim' | 'source' | 'meta_key' | 'scope';

export type MappingProblem =
	| 'claim_required'
	| 'claim_pattern'
	| 'claim_reserved'
	| 'claim_duplicate'
	| 'meta_key_required'
	| 'meta_key_shape'
	| 'meta_key_protected'
	| 'meta_key_credential'
	| 'scope_unsupported';

/** Row key → field → problem. */
export type RowProblems = Record<
	number,
	Partial< Record< MappingField, MappingProblem > >
>;

export interface ServerProblems {
	/** Row key → field → the server's (translated) message. */
	rows: Record< number, Partial< Record< MappingField, string > > >;
	/** Problems about the list as a whole. */
	list: string[];
}
