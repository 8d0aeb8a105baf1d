/**
 * The TypeScript half of `tests/shared/rule-cases.json` (the PHP half is
 * `tests/php/Checks/Shared_Rule_CasesTest.php`): the admin screens' evaluators, fed with the
 * rules exactly as PHP emits them, give each case the problem the server gives.
 */
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
	claimProblem,
	metaKeyProblem,
} from '../../../src/admin/claims/mappings';
import {
	audienceProblem,
	backchannelLogoutUriProblem,
	redirectUriProblem,
} from '../../../src/admin/edit/redirect-uri';
import { phpRules } from './php-rules';

interface RuleCase {
	input: string;
	pad?: string;
	times?: number;
	problem: string | null;
}

const table = JSON.parse(
	readFileSync( 'tests/shared/rule-cases.json', 'utf8' )
) as Record< string, RuleCase[] >;

const rules = phpRules();

const evaluators: Record< string, ( input: string ) => string | null > = {
	redirectUri: ( uri ) => redirectUriProblem( uri, rules.redirectUri ),
	backchannelLogoutUri: ( uri ) =>
		backchannelLogoutUriProblem( uri, rules.redirectUri ),
	audience: ( uri ) => audienceProblem( uri, rules.audience ),
	claimName: ( name ) => claimProblem( name, [], rules.claims ),
	metaKey: ( key ) => metaKeyProblem( key, rules.claims ),
};

describe( 'the shared rule cases', () => {
	it( 'has exactly the sections both halves run', () => {
		assert.deepEqual(
			Object.keys( table ).filter( ( key ) => key !== '$comment' ),
			Object.keys( evaluators )
		);
	} );

	for ( const [ section, evaluate ] of Object.entries( evaluators ) ) {
		describe( section, () => {
			( table[ section ] ?? [] ).forEach( ( entry, index ) => {
				const input =
					entry.input +
					( entry.pad ?? '' ).repeat( entry.times ?? 0 );
				it( `#${ index } ${ JSON.stringify( entry.input ).slice(
					0,
					60
				) } → ${ entry.problem ?? 'accepted' }`, () => {
					assert.equal( evaluate( input ), entry.problem );
				} );
			} );
		} );
	}
} );
