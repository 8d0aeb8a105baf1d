import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
	existsSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
	planRelease,
	readCommits,
} from '../../../scripts/release/next-version';
import { isSemver } from '../../../scripts/release/version-files';

const repoRoot = resolve( __dirname, '../../..' );

/** A throwaway repository with a scripted history. */
class Repo {
	readonly root = mkdtempSync( join( tmpdir(), 'keystone-history-' ) );
	private count = 0;

	constructor( version: string ) {
		this.git( 'init', '-q', '-b', 'main' );
		this.setVersion( version );
	}

	git( ...args: string[] ): string {
		return execFileSync( 'git', args, {
			cwd: this.root,
			encoding: 'utf8',
			env: {
				...process.env,
				GIT_AUTHOR_NAME: 'Test',
				GIT_AUTHOR_EMAIL: 'test@example.test',
				GIT_COMMITTER_NAME: 'Test',
				GIT_COMMITTER_EMAIL: 'test@example.test',
				GIT_CONFIG_NOSYSTEM: '1',
				GIT_CONFIG_GLOBAL: '/dev/null',
			},
		} );
	}

	setVersion( version: string ): void {
		writeFileSync(
			join( this.root, 'package.json' ),
			JSON.stringify( { version }, null, 2 ) + '\n'
		);
	}

	commit( message: string ): this {
		this.count++;
		writeFileSync( join( this.root, `file-${ this.count }.txt` ), message );
		this.git( 'add', '-A' );
		this.git( 'commit', '-q', '-m', message );
		return this;
	}

	tag( name: string ): this {
		this.git( 'tag', name );
		return this;
	}

	remove(): void {
		rmSync( this.root, { recursive: true, force: true } );
	}
}

const date = '2025-06-01';

describe( 'planRelease carrying on the published line from 3.0.0', () => {
	let repo: Repo;

	before( () => {
		// Keystone OIDC 2.x was published up to 2.3.1; this plugin succeeds it as 3.0.0.
		repo = new Repo( '3.0.0' );
	} );

	after( () => repo.remove() );

	it( 'releases 3.0.0 first, then counts on from its tag', () => {
		repo.commit( 'Upgrade in place from Keystone OIDC 2.x' );
		assert.equal( planRelease( repo.root, { date } )?.version, '3.0.0' );
		repo.tag( 'v3.0.0' ).commit( 'fix: keep the 2.x issuer' );
		assert.equal( planRelease( repo.root, { date } )?.version, '3.0.1' );
		repo.commit( 'feat: issuer mode' );
		assert.equal( planRelease( repo.root, { date } )?.version, '3.1.0' );
	} );
} );

describe( 'planRelease on a real git history', () => {
	let repo: Repo;

	before( () => {
		repo = new Repo( '0.1.0' );
	} );

	after( () => repo.remove() );

	it( 'releases the tree version first, listing every commit', () => {
		repo.commit( 'Initial import' ).commit( 'feat: discovery document' );
		assert.deepEqual( planRelease( repo.root, { date } ), {
			version: '0.1.0',
			prerelease: false,
			changelog:
				'= 0.1.0 - 2025-06-01 =\n* New: discovery document\n* Changed: Initial import',
		} );
	} );

	it( 'has nothing to release right after the tag', () => {
		repo.tag( 'v0.1.0' );
		assert.equal( planRelease( repo.root, { date } ), null );
	} );

	it( 'makes a patch release from fixes since the tag only', () => {
		repo.commit( 'fix: keep state on errors' ).commit( 'docs: faq' );
		assert.deepEqual( planRelease( repo.root, { date } ), {
			version: '0.1.1',
			prerelease: false,
			changelog: '= 0.1.1 - 2025-06-01 =\n* Fixed: keep state on errors',
		} );
	} );

	it( 'ignores a -dev tag as a base and names its version when asked for it', () => {
		repo.commit( 'feat(admin): client list' ).tag( 'v0.2.0-dev' );
		assert.equal( planRelease( repo.root, { date } )?.version, '0.2.0' );
		assert.deepEqual(
			planRelease( repo.root, { date, tag: 'v0.2.0-dev' } ),
			{
				version: '0.2.0-dev',
				prerelease: true,
				changelog:
					'= 0.2.0-dev - 2025-06-01 =\n* New: admin: client list\n* Fixed: keep state on errors',
			}
		);
	} );

	it( 'makes a major release after a breaking change', () => {
		repo.commit( 'fix!: require PKCE for every client' );
		assert.equal( planRelease( repo.root, { date } )?.version, '1.0.0' );
	} );

	it( 'counts from the newest stable tag and skips the release commit', () => {
		repo.commit( 'chore(release): 1.0.0' )
			.tag( 'v1.0.0' )
			.commit( 'chore(release): 1.0.0 again' );
		assert.equal( planRelease( repo.root, { date } ), null );
		repo.commit( 'perf: cache the JWKS' );
		assert.equal( planRelease( repo.root, { date } )?.version, '1.0.1' );
	} );

	it( 'leaves merge commits out of the changelog', () => {
		repo.git( 'checkout', '-q', '-b', 'topic' );
		repo.commit( 'feat: consent screen' );
		repo.git( 'checkout', '-q', 'main' );
		repo.commit( 'fix: other' );
		repo.git(
			'merge',
			'-q',
			'--no-ff',
			'-m',
			'Merge branch topic',
			'topic'
		);
		const subjects = readCommits( repo.root, 'v1.0.0..HEAD' ).map(
			( commit ) => commit.subject
		);
		assert.equal( subjects.includes( 'Merge branch topic' ), false );
		assert.equal( planRelease( repo.root, { date } )?.version, '1.1.0' );
	} );

	it( 'reads multi-line bodies with their footers', () => {
		repo.commit(
			'refactor: settings\n\nMore words.\n\nBREAKING CHANGE: the settings route moved'
		);
		const [ newest ] = readCommits( repo.root, 'HEAD~1..HEAD' );
		assert.equal( newest?.subject, 'refactor: settings' );
		assert.match(
			newest?.body ?? '',
			/^More words\.\n\nBREAKING CHANGE: the settings route moved/
		);
		assert.equal( planRelease( repo.root, { date } )?.version, '2.0.0' );
	} );

	it( 'refuses a tag that is not a -dev tag', () => {
		assert.throws(
			() => planRelease( repo.root, { date, tag: 'v1.0.0' } ),
			/"v1\.0\.0" is not a pre-release tag like v1\.4\.0-dev/
		);
	} );
} );

describe( 'the next-version command', () => {
	it( 'prints a semantic version (or nothing) and the notes for this repository, touching no tracked file', () => {
		const readme = readFileSync( join( repoRoot, 'readme.txt' ), 'utf8' );
		const dir = mkdtempSync( join( tmpdir(), 'keystone-notes-' ) );
		try {
			const notes = join( dir, 'notes.md' );
			const result = spawnSync(
				process.execPath,
				[
					'--import',
					'tsx',
					'scripts/release/next-version.ts',
					'--date',
					date,
					'--notes',
					notes,
				],
				{ cwd: repoRoot, encoding: 'utf8' }
			);
			assert.equal( result.status, 0, result.stderr );
			const version = result.stdout.trim();
			if ( version === '' ) {
				assert.equal( existsSync( notes ), false );
			} else {
				assert.ok(
					isSemver( version ),
					`printed ${ JSON.stringify( version ) }`
				);
				assert.match( readFileSync( notes, 'utf8' ), /^- \S/ );
			}
			assert.equal(
				readFileSync( join( repoRoot, 'readme.txt' ), 'utf8' ),
				readme
			);
		} finally {
			rmSync( dir, { recursive: true, force: true } );
		}
	} );

	it( 'fails with a message for a tag that is not a -dev tag', () => {
		const result = spawnSync(
			process.execPath,
			[
				'--import',
				'tsx',
				'scripts/release/next-version.ts',
				'--tag',
				'v9.9.9',
			],
			{ cwd: repoRoot, encoding: 'utf8' }
		);
		assert.equal( result.status, 1 );
		assert.equal( result.stdout, '' );
		assert.match(
			result.stderr,
			/"v9\.9\.9" is not a pre-release tag like v1\.4\.0-dev/
		);
	} );
} );
