/**
 * The project's own phpcs sniffs (scripts/phpcs/Keystone), run through phpcs.xml.dist so that their
 * properties are the ones the lint uses. Needs Debian's php-codesniffer (`npm run setup`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve( __dirname, '../../..' );

interface Message {
	source: string;
	line: number;
}

function run( command: 'phpcs' | 'phpcbf', sniff: string, code: string ) {
	return spawnSync(
		command,
		[
			'--standard=phpcs.xml.dist',
			`--sniffs=${ sniff }`,
			'-q',
			...( 'phpcs' === command ? [ '--report=json' ] : [] ),
			'-',
		],
		{ cwd: root, input: `<?php\n${ code }\n`, encoding: 'utf8' }
	);
}

/** `line:source` of every message, the `<?php` line being line 1. */
function sniffed( sniff: string, code: string ): string[] {
	const result = run( 'phpcs', sniff, code );
	const report = JSON.parse( result.stdout ) as {
		files: Record< string, { messages: Message[] } >;
	};
	return Object.values( report.files ).flatMap( ( file ) =>
		file.messages.map(
			( message ) =>
				`${ message.line }:${ message.source.replace(
					`${ sniff }.`,
					''
				) }`
		)
	);
}

function fixed( sniff: string, code: string ): string {
	return run( 'phpcbf', sniff, code )
		.stdout.replace( /^<\?php\n/, '' )
		.trimEnd();
}

describe( 'Keystone.Arrays.ArrayParenthesesSpacing', () => {
	const sniff = 'Keystone.Arrays.ArrayParenthesesSpacing';

	it( 'accepts array(), array( 1, 2 ) and an array over several lines', () => {
		assert.deepEqual(
			sniffed(
				sniff,
				"$a = array();\n$b = array( 1, 2 );\n$c = array(\n\t'k' => 1,\n);"
			),
			[]
		);
	} );

	it( 'wants one space inside the parentheses of a non-empty array', () => {
		assert.deepEqual(
			sniffed( sniff, '$a = array(1);\n$b = array(  2 );' ),
			[ '2:SpaceAfterOpen', '2:SpaceBeforeClose', '3:SpaceAfterOpen' ]
		);
		assert.equal(
			fixed( sniff, '$a = array(1);\n$b = array(  2 );' ),
			'$a = array( 1 );\n$b = array( 2 );'
		);
	} );

	it( 'wants no space inside an empty array', () => {
		assert.deepEqual( sniffed( sniff, '$a = array( );' ), [
			'2:SpaceInEmpty',
		] );
		assert.equal( fixed( sniff, '$a = array( );' ), '$a = array();' );
	} );
} );

describe( 'Keystone.Arrays.ArrayKeySpacing', () => {
	const sniff = 'Keystone.Arrays.ArrayKeySpacing';

	it( 'accepts literal keys without spaces and every other key with them', () => {
		assert.deepEqual(
			sniffed(
				sniff,
				"$a['k'] = $b[0] + $b[-1];\n$a[ $k ] = $b[ self::K ];\n$a['x'][ $y ] = 1;\n$a[] = 2;"
			),
			[]
		);
	} );

	it( 'wants no spaces around a string or number key', () => {
		assert.deepEqual( sniffed( sniff, "$a[ 'k' ] = $b[ 0];" ), [
			'2:SpaceAfterOpen',
			'2:SpaceBeforeClose',
			'2:SpaceAfterOpen',
		] );
		assert.equal(
			fixed( sniff, "$a[ 'k' ] = $b[ 0];" ),
			"$a['k'] = $b[0];"
		);
	} );

	it( 'wants one space around any other key', () => {
		assert.deepEqual( sniffed( sniff, '$a[$k] = $b[  K ];' ), [
			'2:NoSpaceAfterOpen',
			'2:NoSpaceBeforeClose',
			'2:NoSpaceAfterOpen',
		] );
		assert.equal(
			fixed( sniff, '$a[$k] = $b[  K ];' ),
			'$a[ $k ] = $b[ K ];'
		);
	} );

	it( 'wants no space in an empty key', () => {
		assert.deepEqual( sniffed( sniff, '$a[ ] = 1;' ), [
			'2:SpaceInEmpty',
		] );
	} );
} );

describe( 'Keystone.NamingConventions.SnakeCaseName', () => {
	const sniff = 'Keystone.NamingConventions.SnakeCaseName';

	it( 'accepts snake_case, magic methods, superglobals and the PHPUnit hooks the ruleset allows', () => {
		assert.deepEqual(
			sniffed(
				sniff,
				[
					'function load_every_class( $class_name ) { return $_SERVER[ $class_name ] ?? $GLOBALS; }',
					'final class A_Test {',
					'	private $key_2;',
					'	public function __construct() { $this->key_2 = 1; }',
					'	public function setUp(): void {}',
					'}',
				].join( '\n' )
			),
			[]
		);
	} );

	it( 'refuses camelCase functions, methods, properties, parameters and variables', () => {
		assert.deepEqual(
			sniffed(
				sniff,
				[
					'function loadClass() {}',
					'final class A {',
					'	private $someKey;',
					'	public function getValue( $fooBar ) { $localValue = $fooBar; return $localValue; }',
					'}',
				].join( '\n' )
			),
			[
				'2:FunctionNotSnakeCase',
				'4:VariableNotSnakeCase',
				'5:FunctionNotSnakeCase',
				// The parameter, then the local variable and both of their uses.
				'5:VariableNotSnakeCase',
				'5:VariableNotSnakeCase',
				'5:VariableNotSnakeCase',
				'5:VariableNotSnakeCase',
			]
		);
	} );
} );
