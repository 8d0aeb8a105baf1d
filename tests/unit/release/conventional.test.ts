import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	type Commit,
	bumpFor,
	compareSemver,
	devTagVersion,
	incrementVersion,
	insertReadmeChangelog,
	latestReleaseTag,
	nextVersion,
	parseCommit,
	releasableCommits,
	releaseNotes,
	renderReadmeChangelog,
} from '../../../scripts/release/conventional';

let counter = 0;
function commit( subject: string, body = '' ): Commit {
	counter++;
	return { hash: counter.toString( 16 ).padStart( 40, '0' ), subject, body };
}

/** Newest first, as `git log` lists them. */
function history(
	...subjects: Array< string | [ string, string ] >
): Commit[] {
	return subjects.map( ( entry ) =>
		typeof entry === 'string'
			? commit( entry )
			: commit( entry[ 0 ], entry[ 1 ] )
	);
}

function next(
	lastTag: string | null,
	commits: Commit[],
	treeVersion = '1.2.3'
): string | null {
	return nextVersion( {
		lastTag,
		treeVersion,
		commits: releasableCommits( commits ),
	} );
}

describe( 'parseCommit', () => {
	it( 'reads type, scope, breaking mark and description', () => {
		const source = commit( 'feat(token)!: drop the implicit grant' );
		assert.deepEqual( parseCommit( source ), {
			hash: source.hash,
			type: 'feat',
			scope: 'token',
			breaking: true,
			description: 'drop the implicit grant',
			breakingNote: null,
		} );
	} );

	it( 'reads a BREAKING CHANGE footer', () => {
		const parsed = parseCommit(
			commit(
				'refactor: rename the settings route',
				'Moves it.\n\nBREAKING CHANGE: /settings is now\n/config.\n\nRefs: #12'
			)
		);
		assert.equal( parsed.type, 'refactor' );
		assert.equal( parsed.breaking, true );
		assert.equal( parsed.breakingNote, '/settings is now /config.' );
	} );

	it( 'accepts the BREAKING-CHANGE spelling and upper-case types', () => {
		const parsed = parseCommit( commit( 'FIX: x', 'BREAKING-CHANGE: y' ) );
		assert.equal( parsed.type, 'fix' );
		assert.equal( parsed.breaking, true );
	} );

	it( 'keeps a subject that does not follow the format whole', () => {
		const parsed = parseCommit( commit( 'Update readme: typos' ) );
		assert.equal( parsed.type, null );
		assert.equal( parsed.description, 'Update readme: typos' );
		assert.equal( parsed.breaking, false );
	} );

	it( 'does not take "breaking change" in running text for a footer', () => {
		assert.equal(
			parseCommit(
				commit( 'fix: x', 'This is no BREAKING CHANGE: really.' )
			).breaking,
			false
		);
	} );
} );

describe( 'the next version from a commit history', () => {
	it( 'is a patch release by default', () => {
		assert.equal(
			next(
				'v1.2.3',
				history(
					'fix: reject reused codes',
					'docs: typo',
					'chore: deps'
				)
			),
			'1.2.4'
		);
	} );

	it( 'is a patch release for commits outside the convention', () => {
		assert.equal(
			next( 'v1.2.3', history( 'Tweak the consent page' ) ),
			'1.2.4'
		);
	} );

	it( 'is a minor release when a feat is among them', () => {
		assert.equal(
			next(
				'v1.2.3',
				history( 'fix: a', 'feat(admin): client search', 'chore: b' )
			),
			'1.3.0'
		);
	} );

	it( 'is a major release for a ! after the type', () => {
		assert.equal(
			next(
				'v1.2.3',
				history(
					'feat: a',
					'fix!: stop accepting plain PKCE',
					'fix: b'
				)
			),
			'2.0.0'
		);
	} );

	it( 'is a major release for a BREAKING CHANGE footer', () => {
		assert.equal(
			next(
				'v1.2.3',
				history( 'feat: a', [
					'chore: drop PHP 7.3',
					'BREAKING CHANGE: PHP 7.4 is required',
				] )
			),
			'2.0.0'
		);
	} );

	it( 'is nothing without commits, or with only the release commit', () => {
		assert.equal( next( 'v1.2.3', [] ), null );
		assert.equal(
			next( 'v1.2.3', history( 'chore(release): 1.2.3' ) ),
			null
		);
	} );

	it( 'is the tree version for the first release', () => {
		assert.equal(
			next( null, history( 'feat: everything' ), '0.1.0' ),
			'0.1.0'
		);
		assert.equal(
			next( null, history( 'feat: everything' ), '0.1.0-dev' ),
			'0.1.0'
		);
	} );

	it( 'keeps a version raised by hand above the computed one', () => {
		assert.equal( next( 'v1.2.3', history( 'fix: a' ), '2.0.0' ), '2.0.0' );
		assert.equal(
			next( 'v1.2.3', history( 'feat: a' ), '1.2.3' ),
			'1.3.0'
		);
	} );
} );

describe( 'version arithmetic', () => {
	it( 'increments each part and resets the lower ones', () => {
		assert.equal( incrementVersion( '1.9.9', 'patch' ), '1.9.10' );
		assert.equal( incrementVersion( '1.9.9', 'minor' ), '1.10.0' );
		assert.equal( incrementVersion( '1.9.9', 'major' ), '2.0.0' );
		assert.equal( bumpFor( [] ), null );
	} );

	it( 'orders versions by semantic-version precedence', () => {
		const sorted = [
			'1.0.0',
			'1.0.0-dev',
			'1.0.0-alpha.10',
			'1.0.0-alpha.2',
			'0.10.0',
			'0.9.1',
			'1.0.0-alpha',
		].sort( compareSemver );
		assert.deepEqual( sorted, [
			'0.9.1',
			'0.10.0',
			'1.0.0-alpha',
			'1.0.0-alpha.2',
			'1.0.0-alpha.10',
			'1.0.0-dev',
			'1.0.0',
		] );
	} );

	it( 'takes the newest stable v* tag, ignoring pre-releases and other tags', () => {
		assert.equal(
			latestReleaseTag( [
				'v0.9.0',
				'v0.10.0',
				'v1.0.0-dev',
				'release-5',
				'v2',
				'vx',
			] ),
			'v0.10.0'
		);
		assert.equal( latestReleaseTag( [ 'v1.0.0-dev' ] ), null );
		assert.equal( latestReleaseTag( [] ), null );
	} );

	it( 'reads the version of a -dev tag and refuses other tags', () => {
		assert.equal( devTagVersion( 'v1.4.0-dev' ), '1.4.0-dev' );
		assert.equal( devTagVersion( 'v1.4.0-dev.2' ), '1.4.0-dev.2' );
		assert.equal( devTagVersion( 'v1.4.0' ), null );
		assert.equal( devTagVersion( 'v1.4.0-rc.1' ), null );
		assert.equal( devTagVersion( '1.4.0-dev' ), null );
		assert.equal( devTagVersion( 'v1.4-dev' ), null );
	} );
} );

describe( 'the changelog section', () => {
	it( 'groups user-facing changes, oldest first, and leaves housekeeping out', () => {
		const commits = releasableCommits(
			history(
				'chore(release): 1.2.3',
				'docs: explain rotation',
				'fix(token): answer invalid_grant for a reused code',
				[
					'feat(keys)!: ES256 by default',
					'BREAKING CHANGE: new clients get ES256 ID tokens',
				],
				'Tidy the admin styles',
				'feat(admin): search clients by name',
				'perf: index the token hash',
				'test: cover PKCE plain',
				'fix: keep the state on consent errors'
			)
		);
		assert.equal(
			renderReadmeChangelog( '2.0.0', '2025-06-01', commits ),
			[
				'= 2.0.0 - 2025-06-01 =',
				'* Breaking: keys: new clients get ES256 ID tokens',
				'* New: admin: search clients by name',
				'* Fixed: keep the state on consent errors',
				'* Fixed: token: answer invalid_grant for a reused code',
				'* Faster: index the token hash',
				'* Changed: Tidy the admin styles',
			].join( '\n' )
		);
	} );

	it( 'says so when only housekeeping changed', () => {
		assert.equal(
			renderReadmeChangelog(
				'1.2.4',
				'2025-06-01',
				releasableCommits( history( 'ci: pin actions', 'chore: deps' ) )
			),
			'= 1.2.4 - 2025-06-01 =\n* Maintenance: internal changes only.'
		);
	} );
} );

describe( 'releaseNotes', () => {
	it( 'turns a section into a Markdown list without its heading', () => {
		assert.equal(
			releaseNotes( '= 1.3.0 - 2025-06-01 =\n* New: a\n* Fixed: b' ),
			'- New: a\n- Fixed: b\n'
		);
	} );
} );

describe( 'insertReadmeChangelog', () => {
	const readme = [
		'=== Keystone OIDC ===',
		'Stable tag: 1.2.3',
		'',
		'== Description ==',
		'',
		'Text.',
		'',
		'== Changelog ==',
		'',
		'= 1.2.3 - 2025-05-01 =',
		'* Fixed: a',
		'',
		'= 1.2.2 =',
		'* Fixed: b',
		'',
	].join( '\n' );

	it( 'puts the new section first under == Changelog ==', () => {
		const updated = insertReadmeChangelog(
			readme,
			'= 1.3.0 - 2025-06-01 =\n* New: c'
		);
		assert.equal(
			updated,
			readme.replace(
				'== Changelog ==\n\n',
				'== Changelog ==\n\n= 1.3.0 - 2025-06-01 =\n* New: c\n\n'
			)
		);
	} );

	it( 'replaces a section of the same version instead of adding a second', () => {
		const once = insertReadmeChangelog(
			readme,
			'= 1.3.0 - 2025-06-01 =\n* New: c'
		);
		const twice = insertReadmeChangelog(
			once,
			'= 1.3.0 - 2025-06-02 =\n* New: c\n* Fixed: d'
		);
		assert.equal(
			twice,
			readme.replace(
				'== Changelog ==\n\n',
				'== Changelog ==\n\n= 1.3.0 - 2025-06-02 =\n* New: c\n* Fixed: d\n\n'
			)
		);
	} );

	it( 'keeps the sections that follow the changelog', () => {
		const withNotice =
			readme + '\n== Upgrade Notice ==\n\n= 1.2.3 =\nUpgrade.\n';
		const updated = insertReadmeChangelog(
			withNotice,
			'= 1.3.0 =\n* New: c'
		);
		assert.match(
			updated,
			/\* Fixed: b\n\n== Upgrade Notice ==\n\n= 1\.2\.3 =\nUpgrade\.\n$/
		);
		assert.match(
			updated,
			/== Changelog ==\n\n= 1\.3\.0 =\n\* New: c\n\n= 1\.2\.3 - 2025-05-01 =/
		);
	} );

	it( 'fails when the readme has no changelog', () => {
		assert.throws(
			() => insertReadmeChangelog( '=== X ===\n', '= 1.0.0 =' ),
			/no "== Changelog ==" section/
		);
	} );
} );
