/**
 * The machine the figures came from, the one table, and the JSON record of a run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Figures, Ratios } from './stats';

export interface Target {
	text: string;
	met: boolean | null;
}

export interface RowResult {
	id: string;
	label: string;
	vs: string;
	phase: string;
	available: boolean;
	reason?: string;
	figures?: Figures;
	reference?: Figures;
	ratios?: Ratios;
	/** Lowest and highest of the per-round median ratios: how much the ratio moved between rounds. */
	roundRange?: [ number, number ];
	/** 95 % confidence interval of the paired ratio, from the per-round ratios (`pairedInterval`). */
	interval?: [ number, number ] | null;
	queriesDelta?: number | null;
	scale?: number;
	errors: number;
	target?: Target;
}

export interface Machine {
	cpus: number;
	cpuModel: string;
	memoryGb: number;
	kernel: string;
	os: string;
	php: string;
	mariadb: string;
	nginx: string;
	node: string;
	wordpress: string;
	plugin: string;
	commit: string;
}

function firstLine( command: string, args: string[] ): string {
	try {
		const out = execFileSync( command, args, {
			encoding: 'utf8',
			stdio: [ 'ignore', 'pipe', 'pipe' ],
		} );
		return out.split( '\n' )[ 0 ]?.trim() ?? '';
	} catch ( error ) {
		const err = error as { stderr?: string };
		return ( err.stderr ?? '' ).split( '\n' )[ 0 ]?.trim() ?? '';
	}
}

function nginxVersion(): string {
	// nginx prints its version on stderr.
	const result = spawnSync( 'nginx', [ '-v' ], { encoding: 'utf8' } );
	return `${ result.stderr ?? '' }${ result.stdout ?? '' }`
		.trim()
		.replace( /^nginx version:\s*/, '' );
}

function osName(): string {
	try {
		const release = readFileSync( '/etc/os-release', 'utf8' );
		return (
			/^PRETTY_NAME="?([^"\n]*)"?/m.exec( release )?.[ 1 ] ?? os.type()
		);
	} catch {
		return os.type();
	}
}

export function describeMachine(
	root: string,
	mariadb: string,
	siteDir: string
): Machine {
	const fpm =
		firstLine( 'bash', [
			'-c',
			'$(command -v php-fpm8.2 || command -v php-fpm) -v',
		] ) || firstLine( 'php', [ '-v' ] );
	const nginx = nginxVersion();
	const wpVersion =
		/\$wp_version = '([^']+)'/.exec(
			readFileSync(
				path.join( siteDir, 'wordpress/wp-includes/version.php' ),
				'utf8'
			)
		)?.[ 1 ] ?? '?';
	const plugin =
		/define\( 'KEYSTONE_OIDC_VERSION', '([^']+)'/.exec(
			readFileSync( path.join( root, 'keystone-oidc.php' ), 'utf8' )
		)?.[ 1 ] ?? '?';
	return {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[ 0 ]?.model ?? '?',
		memoryGb: Math.round( ( os.totalmem() / 1024 ** 3 ) * 10 ) / 10,
		kernel: os.release(),
		os: osName(),
		php: fpm,
		mariadb,
		nginx: nginx.replace( /^nginx version:\s*/, '' ),
		node: process.version,
		wordpress: wpVersion,
		plugin,
		commit: firstLine( 'git', [
			'-C',
			root,
			'rev-parse',
			'--short',
			'HEAD',
		] ),
	};
}

function fmt( value: number | null | undefined, digits = 1 ): string {
	if ( value === null || value === undefined || ! Number.isFinite( value ) ) {
		return '–';
	}
	return value.toFixed( digits );
}

function withRatio( value: number, ratio: number | undefined ): string {
	return `${ fmt( value, value < 10 ? 2 : 1 ) } (${ fmt( ratio, 2 ) }×)`;
}

export function renderTable( rows: RowResult[] ): string {
	const header = [
		'scenario',
		'vs',
		'median ms',
		'paired 95 % CI',
		'p99 ms',
		'req/s',
		'queries',
		'peak KB',
		'target',
	];
	const lines: string[][] = [ header ];
	for ( const row of rows ) {
		if ( ! row.available || ! row.figures ) {
			lines.push( [
				row.label,
				row.vs,
				'unavailable',
				'',
				'',
				'',
				'',
				'',
				( row.reason ?? '' ).slice( 0, 70 ),
			] );
			continue;
		}
		const f = row.figures;
		let queries = fmt( f.queries, 0 );
		if ( row.queriesDelta !== undefined ) {
			const delta = row.queriesDelta;
			queries += ` (${ delta !== null && delta >= 0 ? '+' : '' }${ fmt(
				delta,
				0
			) })`;
		}
		let target = '';
		if ( row.target ) {
			const verdict = row.target.met ? 'met' : 'MISSED';
			target = `${ row.target.text } ${
				row.target.met === null ? '' : verdict
			}`;
		}
		if ( row.errors > 0 ) {
			target += ` [${ row.errors } errors]`;
		}
		lines.push( [
			row.label,
			row.vs,
			withRatio( f.medianMs, row.ratios?.median ),
			row.interval
				? `${ fmt( row.interval[ 0 ], 2 ) }–${ fmt(
						row.interval[ 1 ],
						2
				  ) }`
				: '',
			withRatio( f.p99Ms, row.ratios?.p99 ),
			withRatio( f.rps, row.ratios?.rps ),
			queries,
			fmt( f.memoryKb, 0 ),
			target.trim(),
		] );
	}
	return markdownTable( lines );
}

/** Rows of cells (the first one the header) as a Markdown table with aligned columns. */
export function markdownTable( lines: string[][] ): string {
	const header = lines[ 0 ] ?? [];
	const widths = header.map( ( _, col ) =>
		Math.max( ...lines.map( ( line ) => ( line[ col ] ?? '' ).length ) )
	);
	const render = ( line: string[] ): string =>
		`| ${ line
			.map( ( cell, col ) => cell.padEnd( widths[ col ] ?? 0 ) )
			.join( ' | ' ) } |`;
	const rule = `|${ widths
		.map( ( w ) => '-'.repeat( w + 2 ) )
		.join( '|' ) }|`;
	const [ head, ...body ] = lines;
	return [ render( head as string[] ), rule, ...body.map( render ) ].join(
		'\n'
	);
}

export function writeJson( root: string, record: unknown ): string {
	const dir = path.join( root, 'artifacts/bench' );
	mkdirSync( dir, { recursive: true } );
	const stamp = new Date().toISOString().replace( /[:.]/g, '-' );
	const file = path.join( dir, `${ stamp }.json` );
	const text = JSON.stringify( record, null, '\t' ) + '\n';
	writeFileSync( file, text );
	writeFileSync( path.join( dir, 'latest.json' ), text );
	return file;
}
