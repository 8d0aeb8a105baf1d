/**
 * The protocol specs' `test`: the suite's (it watches the PHP error logs) plus a WordPress user
 * with a full profile, one per worker, and a browser context signed in as that user.
 */
import type { BrowserContext } from '@playwright/test';
import { test as base, expect } from '../../support/test';
import { createUser, type WpUser } from '../../support/wp';
import { signedInContext } from './flow';

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
	const user = await createUser( 'subscriber', {
		first_name: profile.firstName,
		last_name: profile.lastName,
		name: profile.displayName,
		nickname: profile.nickname,
		url: profile.website,
	} );
	return { ...user, ...profile };
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
