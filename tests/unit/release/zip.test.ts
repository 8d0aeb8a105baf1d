import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { crc32, createZip, readZip } from '../../../scripts/release/zip';

const modified = new Date( '2025-03-04T05:06:08Z' );

describe( 'zip', () => {
	it( 'computes the CRC-32 check value of the standard test input', () => {
		assert.equal( crc32( Buffer.from( '123456789' ) ), 0xcbf43926 );
		assert.equal( crc32( Buffer.alloc( 0 ) ), 0 );
	} );

	it( 'reads back what it wrote: folders, deflated and stored files, UTF-8 names', () => {
		const large = Buffer.from( '<?php echo "hello";\n'.repeat( 500 ) );
		const random = Buffer.from(
			Array.from( { length: 64 }, ( _, i ) => ( i * 151 ) % 256 )
		);
		const archive = createZip(
			[
				{ name: 'plugin/' },
				{ name: 'plugin/large.php', data: large },
				{ name: 'plugin/random.bin', data: random },
				{ name: 'plugin/empty.txt', data: Buffer.alloc( 0 ) },
				{ name: 'plugin/übersicht.txt', data: Buffer.from( 'ü' ) },
			],
			modified
		);
		assert.ok(
			archive.length < large.length,
			'repetitive content is deflated'
		);
		const entries = readZip( archive );
		assert.deepEqual(
			entries.map( ( entry ) => [ entry.name, entry.isDirectory ] ),
			[
				[ 'plugin/', true ],
				[ 'plugin/large.php', false ],
				[ 'plugin/random.bin', false ],
				[ 'plugin/empty.txt', false ],
				[ 'plugin/übersicht.txt', false ],
			]
		);
		assert.deepEqual( entries[ 1 ]?.data, large );
		assert.deepEqual( entries[ 2 ]?.data, random );
		assert.equal( entries[ 4 ]?.data.toString(), 'ü' );
	} );

	it( 'refuses duplicate entries', () => {
		assert.throws(
			() =>
				createZip(
					[
						{ name: 'a.txt', data: Buffer.from( '1' ) },
						{ name: 'a.txt', data: Buffer.from( '2' ) },
					],
					modified
				),
			/duplicate entry a\.txt/
		);
	} );

	it( 'detects a corrupted entry', () => {
		const archive = createZip(
			[ { name: 'a.txt', data: Buffer.from( 'abc' ) } ],
			modified
		);
		const corrupted = Buffer.from( archive );
		corrupted[ 30 + 'a.txt'.length ] = 'x'.charCodeAt( 0 );
		assert.throws( () => readZip( corrupted ), /CRC mismatch for a\.txt/ );
	} );

	it( 'writes archives that Info-ZIP unzip tests and extracts', ( t ) => {
		if ( spawnSync( 'unzip', [ '-v' ] ).status !== 0 ) {
			t.skip( 'unzip is not installed (bin/setup.sh installs it)' );
			return;
		}
		const dir = mkdtempSync( join( tmpdir(), 'keystone-zip-' ) );
		try {
			const file = join( dir, 'test.zip' );
			writeFileSync(
				file,
				createZip(
					[
						{ name: 'root/' },
						{ name: 'root/sub/' },
						{
							name: 'root/sub/a.php',
							data: Buffer.from( 'x'.repeat( 1000 ) ),
						},
					],
					modified
				)
			);
			const check = spawnSync( 'unzip', [ '-t', file ], {
				encoding: 'utf8',
			} );
			assert.equal( check.status, 0, check.stdout + check.stderr );
			const extract = spawnSync(
				'unzip',
				[ '-q', file, '-d', join( dir, 'out' ) ],
				{
					encoding: 'utf8',
				}
			);
			assert.equal( extract.status, 0, extract.stderr );
			assert.equal(
				readFileSync( join( dir, 'out/root/sub/a.php' ), 'utf8' ),
				'x'.repeat( 1000 )
			);
		} finally {
			rmSync( dir, { recursive: true, force: true } );
		}
	} );
} );
