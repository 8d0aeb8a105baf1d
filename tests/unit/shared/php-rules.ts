import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';

import { readAdminConfig } from '../../../src/config/admin-config';
import type { SharedRules } from '../../../src/config/rules';

let emitted: unknown = null;

/**
 * The rules as PHP emits them into the screen config (`tests/shared/dump-rules.php`), read by the
 * screens' own config reader: unit tests of the evaluators never hold a copy of a rule.
 */
export function rawPhpRules(): unknown {
	if ( emitted === null ) {
		emitted = JSON.parse(
			execFileSync( 'php', [ 'tests/shared/dump-rules.php' ], {
				encoding: 'utf8',
			} )
		);
	}
	return emitted;
}

export function phpRules(): SharedRules {
	const rules = readAdminConfig( { rules: rawPhpRules() } ).rules;
	assert.ok( rules, 'the screen config reader accepts the rules PHP emits' );
	return rules;
}
