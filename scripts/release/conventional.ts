/**
 * The next version and its changelog, from Conventional Commits. Pure: the CLI in next-version.ts
 * reads git and the files, these functions only compute.
 *
 * Rules: any commit means at least a patch release; a `feat` makes it minor; a `!` after the type
 * or a `BREAKING CHANGE:` footer makes it major. A pushed `v<version>-dev` tag is a pre-release of
 * exactly that version.
 */
import { isSemver } from './version-files';

export interface Commit {
	hash: string;
	subject: string;
	body: string;
}

export interface ParsedCommit {
	hash: string;
	/** Lower-case Conventional Commits type, or null for a subject that does not follow the format. */
	type: string | null;
	scope: string | null;
	breaking: boolean;
	/** The subject without its `type(scope)!:` prefix. */
	description: string;
	/** The text of a `BREAKING CHANGE:` footer, when there is one. */
	breakingNote: string | null;
}

export type Bump = 'major' | 'minor' | 'patch';

interface Semver {
	major: number;
	minor: number;
	patch: number;
	prerelease: string[];
}

const HEADER = /^([a-zA-Z]+)(?:\(([^()]*)\))?(!)?:\s+(.+)$/;
const BREAKING_FOOTER = /^BREAKING[ -]CHANGE:\s*(.*)$/;
const OTHER_FOOTER = /^[\w-]+(?::\s| #)/;
const RELEASE_COMMIT = /^chore\(release\)/;

/**
 * The text of a `BREAKING CHANGE:` footer: its line plus continuation lines, up to a blank line or
 * the next footer. Undefined when the body has no such footer; empty when it has no text.
 */
function breakingFooter( body: string ): string | undefined {
	const lines = body.replace( /\r\n/g, '\n' ).split( '\n' );
	const start = lines.findIndex( ( line ) => BREAKING_FOOTER.test( line ) );
	if ( start < 0 ) {
		return undefined;
	}
	const parts = [
		BREAKING_FOOTER.exec( lines[ start ] as string )?.[ 1 ] ?? '',
	];
	for ( const line of lines.slice( start + 1 ) ) {
		if ( line.trim() === '' || OTHER_FOOTER.test( line ) ) {
			break;
		}
		parts.push( line );
	}
	return parts.join( ' ' ).replace( /\s+/g, ' ' ).trim();
}

export function parseCommit( commit: Commit ): ParsedCommit {
	const subject = commit.subject.trim();
	const footer = breakingFooter( commit.body );
	const breakingNote = footer || null;
	const header = HEADER.exec( subject );
	if ( ! header ) {
		return {
			hash: commit.hash,
			type: null,
			scope: null,
			breaking: footer !== undefined,
			description: subject,
			breakingNote,
		};
	}
	return {
		hash: commit.hash,
		type: ( header[ 1 ] as string ).toLowerCase(),
		scope: header[ 2 ]?.trim() || null,
		breaking: header[ 3 ] === '!' || footer !== undefined,
		description: ( header[ 4 ] as string ).trim(),
		breakingNote,
	};
}

/** Commits that count for a release: everything except the release workflow's own commits. */
export function releasableCommits(
	commits: readonly Commit[]
): ParsedCommit[] {
	return commits
		.filter( ( commit ) => ! RELEASE_COMMIT.test( commit.subject.trim() ) )
		.map( parseCommit );
}

/** The bump the commits call for; null when there is nothing to release. */
export function bumpFor( commits: readonly ParsedCommit[] ): Bump | null {
	if ( commits.length === 0 ) {
		return null;
	}
	if ( commits.some( ( commit ) => commit.breaking ) ) {
		return 'major';
	}
	if ( commits.some( ( commit ) => commit.type === 'feat' ) ) {
		return 'minor';
	}
	return 'patch';
}

export function parseSemver( version: string ): Semver {
	if ( ! isSemver( version ) ) {
		throw new Error( `"${ version }" is not a semantic version` );
	}
	const [ core, ...rest ] = version.split( '-' );
	const [ major, minor, patch ] = ( core as string )
		.split( '.' )
		.map( Number ) as [ number, number, number ];
	const prerelease = rest.length > 0 ? rest.join( '-' ).split( '.' ) : [];
	return { major, minor, patch, prerelease };
}

/** Semantic-version precedence: negative when a < b, 0 when equal, positive when a > b. */
export function compareSemver( a: string, b: string ): number {
	const x = parseSemver( a );
	const y = parseSemver( b );
	const core = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
	if ( core !== 0 ) {
		return Math.sign( core );
	}
	if ( x.prerelease.length === 0 || y.prerelease.length === 0 ) {
		return Math.sign( y.prerelease.length - x.prerelease.length );
	}
	for (
		let i = 0;
		i < Math.max( x.prerelease.length, y.prerelease.length );
		i++
	) {
		const p = x.prerelease[ i ];
		const q = y.prerelease[ i ];
		if ( p === undefined || q === undefined ) {
			return p === undefined ? -1 : 1;
		}
		const pNumeric = /^\d+$/.test( p );
		const qNumeric = /^\d+$/.test( q );
		if ( pNumeric && qNumeric && Number( p ) !== Number( q ) ) {
			return Math.sign( Number( p ) - Number( q ) );
		}
		if ( pNumeric !== qNumeric ) {
			return pNumeric ? -1 : 1;
		}
		if ( p !== q ) {
			return p < q ? -1 : 1;
		}
	}
	return 0;
}

export function incrementVersion( version: string, bump: Bump ): string {
	const { major, minor, patch } = parseSemver( version );
	switch ( bump ) {
		case 'major':
			return `${ major + 1 }.0.0`;
		case 'minor':
			return `${ major }.${ minor + 1 }.0`;
		case 'patch':
			return `${ major }.${ minor }.${ patch + 1 }`;
	}
}

/** The newest stable release among `v<semver>` tags; pre-release tags (`v1.2.0-dev`) do not count. */
export function latestReleaseTag( tags: readonly string[] ): string | null {
	let best: string | null = null;
	for ( const tag of tags ) {
		const version = tag.startsWith( 'v' ) ? tag.slice( 1 ) : '';
		if ( ! isSemver( version ) || version.includes( '-' ) ) {
			continue;
		}
		if ( best === null || compareSemver( version, best.slice( 1 ) ) > 0 ) {
			best = tag;
		}
	}
	return best;
}

/** The version a pushed `v<version>-dev` tag names, or null when the tag is not a dev tag. */
export function devTagVersion( tag: string ): string | null {
	const version = tag.startsWith( 'v' ) ? tag.slice( 1 ) : '';
	if ( ! isSemver( version ) ) {
		return null;
	}
	const { prerelease } = parseSemver( version );
	return prerelease.includes( 'dev' ) ? version : null;
}

export interface NextVersionInput {
	/** The last stable release tag (`v1.2.3`), or null before the first release. */
	lastTag: string | null;
	/** package.json's version: the first release uses it, and a hand-raised version is kept. */
	treeVersion: string;
	commits: readonly ParsedCommit[];
}

/** The version of the next stable release; null when no commit since the last tag asks for one. */
export function nextVersion( input: NextVersionInput ): string | null {
	const bump = bumpFor( input.commits );
	if ( bump === null ) {
		return null;
	}
	const tree = parseSemver( input.treeVersion );
	const treeRelease = `${ tree.major }.${ tree.minor }.${ tree.patch }`;
	if ( input.lastTag === null ) {
		return treeRelease;
	}
	const bumped = incrementVersion( input.lastTag.replace( /^v/, '' ), bump );
	return compareSemver( treeRelease, bumped ) > 0 ? treeRelease : bumped;
}

interface ChangelogGroup {
	label: string;
	matches: ( commit: ParsedCommit ) => boolean;
}

const GROUPS: ChangelogGroup[] = [
	{ label: 'Breaking', matches: ( commit ) => commit.breaking },
	{ label: 'New', matches: ( commit ) => commit.type === 'feat' },
	{ label: 'Fixed', matches: ( commit ) => commit.type === 'fix' },
	{ label: 'Security', matches: ( commit ) => commit.type === 'security' },
	{ label: 'Faster', matches: ( commit ) => commit.type === 'perf' },
	{ label: 'Reverted', matches: ( commit ) => commit.type === 'revert' },
	{ label: 'Changed', matches: ( commit ) => commit.type === null },
];

function changelogLines( commits: readonly ParsedCommit[] ): string[] {
	const lines: string[] = [];
	const listed = new Set< ParsedCommit >();
	for ( const group of GROUPS ) {
		for ( const commit of commits ) {
			if ( listed.has( commit ) || ! group.matches( commit ) ) {
				continue;
			}
			listed.add( commit );
			const scope = commit.scope ? `${ commit.scope }: ` : '';
			const text =
				group.label === 'Breaking' && commit.breakingNote
					? commit.breakingNote
					: commit.description;
			lines.push( `${ group.label }: ${ scope }${ text }` );
		}
	}
	return lines;
}

/**
 * A `readme.txt` changelog section. Commits come newest first (as git lists them) and are listed
 * oldest first. Housekeeping types (docs, test, ci, chore, build, style, refactor) stay out; when
 * nothing else is left the release says so.
 */
export function renderReadmeChangelog(
	version: string,
	date: string,
	commits: readonly ParsedCommit[]
): string {
	const lines = changelogLines( [ ...commits ].reverse() );
	const items =
		lines.length > 0 ? lines : [ 'Maintenance: internal changes only.' ];
	return [
		`= ${ version } - ${ date } =`,
		...items.map( ( line ) => `* ${ line }` ),
	].join( '\n' );
}

/** The body of a changelog section as Markdown, for the GitHub Release's notes. */
export function releaseNotes( section: string ): string {
	const items = section
		.split( '\n' )
		.filter( ( line ) => line.startsWith( '* ' ) )
		.map( ( line ) => `- ${ line.slice( 2 ) }` );
	return items.join( '\n' ) + '\n';
}

function versionOfHeading( line: string ): string | null {
	return /^=\s*([^=\s]+)/.exec( line )?.[ 1 ] ?? null;
}

function trimBlankLines( lines: readonly string[] ): string[] {
	let from = 0;
	let to = lines.length;
	while ( from < to && ( lines[ from ] as string ).trim() === '' ) {
		from++;
	}
	while ( to > from && ( lines[ to - 1 ] as string ).trim() === '' ) {
		to--;
	}
	return lines.slice( from, to );
}

/**
 * Puts a section at the top of readme.txt's `== Changelog ==` (after any introduction), replacing
 * an earlier section of the same version, so running a release twice does not list it twice.
 */
export function insertReadmeChangelog(
	readme: string,
	section: string
): string {
	const lines = readme.replace( /\r\n/g, '\n' ).split( '\n' );
	const start = lines.findIndex( ( line ) =>
		/^==\s*Changelog\s*==\s*$/i.test( line )
	);
	if ( start < 0 ) {
		throw new Error( 'readme.txt has no "== Changelog ==" section' );
	}
	let end = lines.findIndex(
		( line, i ) => i > start && /^==[^=].*==\s*$/.test( line )
	);
	if ( end < 0 ) {
		end = lines.length;
	}
	const version = versionOfHeading( section );
	const introduction: string[] = [];
	const sections: string[][] = [];
	for ( const line of lines.slice( start + 1, end ) ) {
		if ( /^=[^=].*=\s*$/.test( line ) ) {
			sections.push( [ line ] );
		} else if ( sections.length > 0 ) {
			( sections[ sections.length - 1 ] as string[] ).push( line );
		} else {
			introduction.push( line );
		}
	}
	const blocks = [
		trimBlankLines( introduction ),
		trimBlankLines( section.split( '\n' ) ),
		...sections
			.filter(
				( part ) => versionOfHeading( part[ 0 ] as string ) !== version
			)
			.map( trimBlankLines ),
	].filter( ( block ) => block.length > 0 );
	const after = lines.slice( end );
	return [
		...lines.slice( 0, start + 1 ),
		'',
		blocks.map( ( block ) => block.join( '\n' ) ).join( '\n\n' ),
		...( after.length > 0 ? [ '', ...after ] : [ '' ] ),
	].join( '\n' );
}
