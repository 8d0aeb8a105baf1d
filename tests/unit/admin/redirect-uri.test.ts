import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
	checkUriList,
	redirectUriProblem,
	splitUris,
} from '../../../src/admin/edit/redirect-uri';
import { phpRules } from '../shared/php-rules';

// Each rule's cases are in tests/shared/rule-cases.json, run against PHP too.
const rules = phpRules().redirectUri;
const redirectRule = ( uri: string ) => redirectUriProblem( uri, rules );

describe( 'checkUriList', () => {
	it( 'reports each bad line with its 1-based line number, skipping blank lines', () => {
		const text =
			'https://ok.example/cb\n\n  http://bad.example/cb  \nhttps://ok.example/cb\r\nrelative';
		assert.deepEqual( checkUriList( text, redirectRule ), [
			{
				line: 3,
				uri: 'http://bad.example/cb',
				problem: 'http_not_loopback',
			},
			{ line: 4, uri: 'https://ok.example/cb', problem: 'duplicate' },
			{ line: 5, uri: 'relative', problem: 'not_absolute' },
		] );
	} );
	it( 'is empty for an empty field', () => {
		assert.deepEqual( checkUriList( '\n  \n', redirectRule ), [] );
	} );
} );

describe( 'splitUris', () => {
	it( 'trims lines and drops empty ones, keeping the order typed', () => {
		assert.deepEqual( splitUris( ' b://x \n\na://y\r\n' ), [
			'b://x',
			'a://y',
		] );
	} );
} );
