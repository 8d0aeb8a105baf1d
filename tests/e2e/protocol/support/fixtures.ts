/**
 * The protocol specs' `test`: the suite's (it watches the PHP error logs) plus a WordPress user
 * with a full profile, one per worker, and a browser context signed in as that user.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext } from '@playwright/test';
import { test as base, expect } from '../../support/test';
import type { WpUser } from '../../support/wp';
import { signedInContext } from './flow';
import { asAdmin } from './provider';

export interface ProfileUser extends WpUser {
	firstName: string;
	lastName: string;
	displayName: string;
	nickname: string;
	website: string;
}

export async function createProfileUser(): Promise< ProfileUser > {
	const profile = {
		firstName: 'Ada',
		lastName: 'Lovelace',
		displayName: 'Ada Lovelace',
		nickname: 'countess',
		website: 'https://ada.example.test',
	};
	const username = `subscriber-${ randomBytes( 4 ).toString( 'hex' ) }`;
	const password = `pw-${ randomBytes( 12 ).toString( 'hex' ) }`;
	const email = `${ username }@example.test`;
	const response = await asAdmin( ( session ) =>
		session.post( 'wp/v2/users', {
			username,
			password,
			email,
			roles: [ 'subscriber' ],
			first_name: profile.firstName,
			last_name: profile.lastName,
			name: profile.displayName,
			nickname: profile.nickname,
			url: profile.website,
		} )
	);
	expect( response.status(), await response.text() ).toBe( 201 );
	const { id } = ( await response.json() ) as { id: number };
	return { id, username, password, email, ...profile };
}

export const test = base.extend<
	{ signedIn: BrowserContext },
	{ user: ProfileUser }
>( {
	user: [
		// eslint-disable-next-line no-empty-pattern
		async ( {}, use ) => {
			await use( await createProfileUser() );
		},
		{ scope: 'worker' },
	],
	signedIn: async ( { browser, user }, use ) => {
		const context = await signedInContext( browser, user );
		await use( context );
		await context.close();
	},
} );

export { expect };
