/**
 * Prints the next release version (nothing when there is nothing to release). --write adds its
 * section to readme.txt's changelog; --notes FILE writes the same entries as Markdown for the
 * GitHub Release.
 *
 *   node --import tsx scripts/release/next-version.ts [--write] [--notes FILE] [--date YYYY-MM-DD]
 *   node --import tsx scripts/release/next-version.ts --tag v1.4.0-dev [--write] [--notes FILE]
 *
 * Without --tag: the commits since the newest stable `v*` tag reachable from HEAD decide the bump.
 * With a `v<version>-dev` tag: the tag names the pre-release version, and the commits since the
 * newest stable tag reachable from it fill the changelog.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
	type Commit,
	devTagVersion,
	insertReadmeChangelog,
	latestReleaseTag,
	nextVersion,
	releasableCommits,
	releaseNotes,
	renderReadmeChangelog,
} from './conventional';
import { packageVersion, README_FILE } from './version-files';

const FIELD = '\x1f';
const RECORD = '\x1e';

function git( root: string, args: string[] ): string {
	return execFileSync( 'git', args, { cwd: root, encoding: 'utf8' } );
}

/** Commits in `range`, newest first, merges left out (their content is in the merged commits). */
export function readCommits( root: string, range: string ): Commit[] {
	const log = git( root, [
		'log',
		'--no-merges',
		`--format=%H${ FIELD }%s${ FIELD }%b${ RECORD }`,
		range,
	] );
	return log
		.split( RECORD )
		.map( ( record ) => record.replace( /^\n/, '' ) )
		.filter( ( record ) => record.trim() !== '' )
		.map( ( record ) => {
			const [ hash = '', subject = '', body = '' ] =
				record.split( FIELD );
			return { hash, subject, body };
		} );
}

export function readTags( root: string, mergedInto: string ): string[] {
	return git( root, [ 'tag', '--list', 'v*', '--merged', mergedInto ] )
		.split( '\n' )
		.map( ( tag ) => tag.trim() )
		.filter( Boolean );
}

export interface Release {
	version: string;
	prerelease: boolean;
	changelog: string;
}

export function planRelease(
	root: string,
	options: { tag?: string; date: string }
): Release | null {
	const head = options.tag ?? 'HEAD';
	let devVersion: string | null = null;
	if ( options.tag !== undefined ) {
		devVersion = devTagVersion( options.tag );
		if ( devVersion === null ) {
			throw new Error(
				`next-version: "${ options.tag }" is not a pre-release tag like v1.4.0-dev`
			);
		}
	}
	const lastTag = latestReleaseTag( readTags( root, head ) );
	const commits = releasableCommits(
		readCommits( root, lastTag ? `${ lastTag }..${ head }` : head )
	);
	const version =
		devVersion ??
		nextVersion( {
			lastTag,
			treeVersion: packageVersion( root ),
			commits,
		} );
	if ( version === null ) {
		return null;
	}
	return {
		version,
		prerelease: devVersion !== null,
		changelog: renderReadmeChangelog( version, options.date, commits ),
	};
}

if ( process.argv[ 1 ] === fileURLToPath( import.meta.url ) ) {
	const root = resolve(
		dirname( fileURLToPath( import.meta.url ) ),
		'../..'
	);
	const { values } = parseArgs( {
		options: {
			tag: { type: 'string' },
			write: { type: 'boolean', default: false },
			notes: { type: 'string' },
			date: {
				type: 'string',
				default: new Date().toISOString().slice( 0, 10 ),
			},
		},
	} );
	try {
		const release = planRelease( root, {
			tag: values.tag,
			date: values.date ?? new Date().toISOString().slice( 0, 10 ),
		} );
		if ( release === null ) {
			console.error( 'next-version: no commits since the last release' );
			process.exit( 0 );
		}
		console.error( release.changelog );
		if ( values.write ) {
			const readmePath = join( root, README_FILE );
			writeFileSync(
				readmePath,
				insertReadmeChangelog(
					readFileSync( readmePath, 'utf8' ),
					release.changelog
				)
			);
		}
		if ( values.notes !== undefined ) {
			writeFileSync(
				resolve( values.notes ),
				releaseNotes( release.changelog )
			);
		}
		console.log( release.version );
	} catch ( error ) {
		console.error( ( error as Error ).message );
		process.exit( 1 );
	}
}
