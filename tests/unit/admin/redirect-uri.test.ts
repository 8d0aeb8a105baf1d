import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
	audienceProblem,
	checkUriList,
	redirectUriProblem,
	splitUris,
} from '../../../src/admin/edit/redirect-uri';

describe( 'redirectUriProblem', () => {
	const allowed = [
		'https://app.example/callback',
		'https://app.example:8443/cb?x=1',
		'http://localhost:3000/cb',
		'http://127.0.0.1/cb',
		'http://127.10.0.1:9000/cb',
		'http://[::1]:8080/cb',
		'com.example.app:/oauth2redirect',
		'myapp://callback',
		'https://app.example/path/*/literal-star-in-path',
	];
	for ( const uri of allowed ) {
		it( `allows ${ uri }`, () => {
			assert.equal( redirectUriProblem( uri ), null );
		} );
	}

	const refused: Array< [ string, string ] > = [
		[ '/callback', 'not_absolute' ],
		[ 'app.example/callback', 'not_absolute' ],
		[ '', 'not_absolute' ],
		[ 'https://app.example/cb#done', 'fragment' ],
		[ 'https://app.example/cb#', 'fragment' ],
		[ 'http://app.example/cb', 'http_not_loopback' ],
		[ 'http://127.0.0.1.example/cb', 'http_not_loopback' ],
		[ 'http://127.0.0.256/cb', 'http_not_loopback' ],
		[ 'http://127.0.0.01/cb', 'http_not_loopback' ],
		[ 'http://10.0.0.1/cb', 'http_not_loopback' ],
		[ 'https://*.app.example/cb', 'wildcard' ],
		[ 'https://rp.example@evil.example/cb', 'userinfo' ],
		[ 'https://user:pw@app.example/cb', 'userinfo' ],
		[ 'http://127.0.0.1@evil.example/cb', 'userinfo' ],
		[ 'myapp://user@callback', 'userinfo' ],
		[ 'https:/app.example/cb', 'no_host' ],
		[ 'https:app.example', 'no_host' ],
		[ 'https://app.example/a b', 'whitespace' ],
		[ 'https://app.example/\tcb', 'whitespace' ],
		[ 'https://app.exämple/cb', 'non_ascii' ],
		[ 'javascript:alert(1)', 'dangerous_scheme' ],
		[ 'JavaScript:alert(1)', 'dangerous_scheme' ],
		[ 'data:text/html,hi', 'dangerous_scheme' ],
		[ 'file:///etc/passwd', 'dangerous_scheme' ],
		[ `https://app.example/${ 'a'.repeat( 2000 ) }`, 'too_long' ],
	];
	for ( const [ uri, problem ] of refused ) {
		it( `refuses ${ uri.slice( 0, 60 ) } as ${ problem }`, () => {
			assert.equal( redirectUriProblem( uri ), problem );
		} );
	}
} );

describe( 'audienceProblem', () => {
	it( 'allows any absolute URI, http included', () => {
		assert.equal( audienceProblem( 'http://api.example/' ), null );
		assert.equal( audienceProblem( 'urn:example:api' ), null );
	} );
	it( 'refuses relative URIs and fragments', () => {
		assert.equal( audienceProblem( 'api' ), 'not_absolute' );
		assert.equal( audienceProblem( 'https://api.example/#x' ), 'fragment' );
	} );
} );

describe( 'checkUriList', () => {
	it( 'reports each bad line with its 1-based line number, skipping blank lines', () => {
		const text =
			'https://ok.example/cb\n\n  http://bad.example/cb  \nhttps://ok.example/cb\r\nrelative';
		assert.deepEqual( checkUriList( text, redirectUriProblem ), [
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
		assert.deepEqual( checkUriList( '\n  \n', redirectUriProblem ), [] );
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
