/**
 * The administrator's claim mappings (`/claims`) and the user meta they read, for the specs that
 * check mapped claims end to end. Mappings are site-wide and other spec files may run beside
 * these, so a spec adds only its own uniquely named entries and takes only those away again.
 */
import { randomBytes } from 'node:crypto';
import { expect, type APIResponse } from '@playwright/test';
import { asAdmin } from './provider';

export interface ClaimMapping {
	claim: string;
	source: 'meta' | 'roles';
	meta_key?: string;
	scope: string;
}

export interface ClaimMap {
	mappings: ClaimMapping[];
	scopes: string[];
}

export const CLAIMS_ROUTE = 'keystone-oidc/v1/claims';

/** A name no other spec uses, valid as both a claim name and a meta key. */
export function uniqueClaimName( label: string ): string {
	return `${ label }_${ randomBytes( 4 ).toString( 'hex' ) }`;
}

export async function readClaimMap(): Promise< ClaimMap > {
	const response = await asAdmin( ( session ) =>
		session.get( CLAIMS_ROUTE )
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( await response.json() ) as ClaimMap;
}

export function putClaimMap( mappings: unknown ): Promise< APIResponse > {
	return asAdmin( ( session ) => session.put( CLAIMS_ROUTE, { mappings } ) );
}

export async function addMappings(
	entries: ClaimMapping[]
): Promise< ClaimMap > {
	const current = await readClaimMap();
	const response = await putClaimMap( [ ...current.mappings, ...entries ] );
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( await response.json() ) as ClaimMap;
}

export async function removeMappings( claims: string[] ): Promise< void > {
	const current = await readClaimMap();
	const response = await putClaimMap(
		current.mappings.filter(
			( mapping ) => ! claims.includes( mapping.claim )
		)
	);
	expect( response.status(), await response.text() ).toBe( 200 );
}

/** Replaces the user's rows of `key` with `values` (one row each), as another plugin would. */
export async function setUserMeta(
	userId: number,
	key: string,
	values: unknown[]
): Promise< void > {
	const response = await asAdmin( ( session ) =>
		session.post( 'keystone-test/v1/user-meta', {
			user_id: userId,
			key,
			values,
		} )
	);
	expect( response.status(), await response.text() ).toBe( 200 );
}
