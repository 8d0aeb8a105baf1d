/**
 * The claim mappings screen's pure logic: rows as the admin edits them, the server's own rules
 * (`Checks\Mapped_Claim`, `Tokens\Claim_Map`, passed in through the screen config) evaluated in
 * its order, and the server's per-entry problems mapped back onto rows. The server stays the
 * authority; these checks only answer sooner.
 */
import type { ClaimMapping, ClaimSource } from '../../api/types';
import { byteLength, type ClaimRules } from '../../config/rules';
import type {
	MappingField,
	MappingProblem,
	MappingRow,
	RowProblems,
	ServerProblems,
} from './types';

export function rowsFromMappings(
	mappings: ClaimMapping[],
	firstKey = 1
): MappingRow[] {
	return mappings.map( ( mapping, index ) => ( {
		key: firstKey + index,
		claim: mapping.claim,
		source: mapping.source,
		metaKey: mapping.meta_key ?? '',
		scope: mapping.scope,
	} ) );
}

/** `profile` when a mapping may use it: the scope most relying parties already ask for. */
export function defaultScope( scopes: string[] ): string {
	if ( scopes.includes( 'profile' ) ) {
		return 'profile';
	}
	return scopes.find( ( scope ) => scope !== 'openid' ) ?? scopes[ 0 ] ?? '';
}

export function nextKey( rows: MappingRow[] ): number {
	return rows.reduce( ( max, row ) => Math.max( max, row.key ), 0 ) + 1;
}

export function addRow( rows: MappingRow[], scopes: string[] ): MappingRow[] {
	return [
		...rows,
		{
			key: nextKey( rows ),
			claim: '',
			source: 'meta',
			metaKey: '',
			scope: defaultScope( scopes ),
		},
	];
}

export function removeRow( rows: MappingRow[], key: number ): MappingRow[] {
	return rows.filter( ( row ) => row.key !== key );
}

export function updateRow(
	rows: MappingRow[],
	key: number,
	change: Partial< Omit< MappingRow, 'key' > >
): MappingRow[] {
	return rows.map( ( row ) =>
		row.key === key ? { ...row, ...change } : row
	);
}

/** What PUT `/claims` takes: trimmed, with a meta key only where the source is user meta. */
export function toMappings( rows: MappingRow[] ): ClaimMapping[] {
	return rows.map( ( row ) => {
		const mapping: ClaimMapping = {
			claim: row.claim.trim(),
			source: row.source,
			scope: row.scope,
		};
		if ( row.source === 'meta' ) {
			mapping.meta_key = row.metaKey.trim();
		}
		return mapping;
	} );
}

export function sameMappings( a: MappingRow[], b: MappingRow[] ): boolean {
	return (
		JSON.stringify( toMappings( a ) ) === JSON.stringify( toMappings( b ) )
	);
}

/**
 * `Checks\Mapped_Claim::name_problem()`, and no claim mapped twice. Without rules (a config
 * that lacks them) only what needs none is checked; the server judges the rest on save.
 */
export function claimProblem(
	claim: string,
	before: string[],
	rules: ClaimRules | null
): MappingProblem | null {
	if ( claim === '' ) {
		return 'claim_required';
	}
	if ( rules && ! rules.namePattern.test( claim ) ) {
		return 'claim_pattern';
	}
	if ( rules && rules.reserved.includes( claim.toLowerCase() ) ) {
		return 'claim_reserved';
	}
	if ( before.includes( claim ) ) {
		return 'claim_duplicate';
	}
	return null;
}

/** `Checks\Mapped_Claim::meta_key_problem()`; without rules only a missing key. */
export function metaKeyProblem(
	metaKey: string,
	rules: ClaimRules | null
): MappingProblem | null {
	if ( metaKey === '' ) {
		return 'meta_key_required';
	}
	if ( rules === null ) {
		return null;
	}
	if (
		byteLength( metaKey ) > rules.metaKeyMaxLength ||
		! rules.metaKeyPattern.test( metaKey )
	) {
		return 'meta_key_shape';
	}
	// WordPress treats `_`-prefixed meta as protected: plugins keep their internal state there.
	if ( metaKey.startsWith( '_' ) ) {
		return 'meta_key_protected';
	}
	const lower = metaKey.toLowerCase();
	if (
		rules.credentialKeys.includes( lower ) ||
		rules.credentialWords.some( ( word ) => lower.includes( word ) )
	) {
		return 'meta_key_credential';
	}
	return null;
}

/** Problems by row key; a row without problems has no entry. */
export function validateRows(
	rows: MappingRow[],
	scopes: string[],
	rules: ClaimRules | null
): RowProblems {
	const problems: RowProblems = {};
	const seen: string[] = [];
	for ( const mapping of rows ) {
		const found: Partial< Record< MappingField, MappingProblem > > = {};
		const claim = mapping.claim.trim();
		const claimIssue = claimProblem( claim, seen, rules );
		if ( claimIssue !== null ) {
			found.claim = claimIssue;
		}
		seen.push( claim );
		if ( mapping.source === 'meta' ) {
			const metaIssue = metaKeyProblem( mapping.metaKey.trim(), rules );
			if ( metaIssue !== null ) {
				found.meta_key = metaIssue;
			}
		}
		if ( ! scopes.includes( mapping.scope ) ) {
			found.scope = 'scope_unsupported';
		}
		if ( Object.keys( found ).length > 0 ) {
			problems[ mapping.key ] = found;
		}
	}
	return problems;
}

export function hasProblems( problems: RowProblems ): boolean {
	return Object.keys( problems ).length > 0;
}

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

const FIELDS: MappingField[] = [ 'claim', 'source', 'meta_key', 'scope' ];

function isField( value: unknown ): value is MappingField {
	return FIELDS.includes( value as MappingField );
}

/**
 * The server's `keystone_oidc_invalid_claim_map` problems (`data.errors`: `{index, field,
 * message}`) by the key of the row they name. Problems about the whole list have no row and are
 * returned under `list`.
 */
export function serverProblems(
	error: unknown,
	rows: MappingRow[]
): ServerProblems {
	const result: ServerProblems = { rows: {}, list: [] };
	if (
		! isRecord( error ) ||
		error.code !== 'keystone_oidc_invalid_claim_map' ||
		! isRecord( error.data ) ||
		! Array.isArray( error.data.errors )
	) {
		return result;
	}
	for ( const problem of error.data.errors ) {
		if ( ! isRecord( problem ) || typeof problem.message !== 'string' ) {
			continue;
		}
		const row =
			typeof problem.index === 'number'
				? rows[ problem.index ]
				: undefined;
		if ( row === undefined || ! isField( problem.field ) ) {
			result.list.push( problem.message );
			continue;
		}
		result.rows[ row.key ] = {
			...result.rows[ row.key ],
			[ problem.field ]: problem.message,
		};
	}
	return result;
}

export function sourceOf( value: string ): ClaimSource {
	return value === 'roles' ? 'roles' : 'meta';
}
