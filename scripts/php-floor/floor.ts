/**
 * The lowest PHP the plugin runs on is stated in three places WordPress and the plugin read: the
 * plugin header (WordPress refuses activation below it), readme.txt (the plugin directory shows it)
 * and `Requirements::MIN_PHP` (the plugin's own notice). These functions read and compare them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FLOOR_SOURCES = {
	pluginHeader: 'keystone-oidc.php "Requires PHP:"',
	readme: 'readme.txt "Requires PHP:"',
	requirements: 'includes/Requirements.php MIN_PHP',
} as const;

export type FloorSource = keyof typeof FLOOR_SOURCES;

export type StatedFloors = Record< FloorSource, string | null >;

const HEADER_FLOOR = /^[ \t/*]*Requires PHP:[ \t]*(\S+)[ \t]*$/m;
const README_FLOOR = /^Requires PHP:[ \t]*(\S+)[ \t]*$/m;
const REQUIREMENTS_FLOOR = /\bconst\s+MIN_PHP\s*=\s*'([^']+)'/;

export function statedFloors( sources: {
	pluginHeader: string;
	readme: string;
	requirements: string;
} ): StatedFloors {
	return {
		pluginHeader: HEADER_FLOOR.exec( sources.pluginHeader )?.[ 1 ] ?? null,
		readme: README_FLOOR.exec( sources.readme )?.[ 1 ] ?? null,
		requirements:
			REQUIREMENTS_FLOOR.exec( sources.requirements )?.[ 1 ] ?? null,
	};
}

export function readStatedFloors( root: string ): StatedFloors {
	const read = ( file: string ) => readFileSync( join( root, file ), 'utf8' );
	return statedFloors( {
		pluginHeader: read( 'keystone-oidc.php' ),
		readme: read( 'readme.txt' ),
		requirements: read( 'includes/Requirements.php' ),
	} );
}

/**
 * The one floor all three state, or the reasons there is none. The strings must be equal, not merely
 * equivalent: WordPress compares with version_compare(), where "7.4" is lower than "7.4.0".
 */
export function agreedFloor(
	stated: StatedFloors
): { floor: string } | { problems: string[] } {
	const problems: string[] = [];
	for ( const source of Object.keys( FLOOR_SOURCES ) as FloorSource[] ) {
		if ( null === stated[ source ] ) {
			problems.push( `${ FLOOR_SOURCES[ source ] } is missing` );
		}
	}
	const floors = new Set(
		Object.values( stated ).filter(
			( floor ): floor is string => null !== floor
		)
	);
	if ( floors.size > 1 ) {
		problems.push(
			'the PHP floor is stated differently: ' +
				( Object.keys( FLOOR_SOURCES ) as FloorSource[] )
					.map(
						( source ) =>
							`${ FLOOR_SOURCES[ source ] } = ${ stated[ source ] }`
					)
					.join( ', ' )
		);
	}
	const [ floor ] = floors;
	return problems.length > 0 || undefined === floor
		? { problems }
		: { floor };
}

/**
 * The files `compile-each.php` did not report as compiled: each failed or was never reached (a
 * fatal error ends the run).
 */
export function uncompiledFiles(
	files: readonly string[],
	stdout: string
): string[] {
	const compiled = new Set(
		stdout
			.split( '\n' )
			.filter( ( line ) => line.startsWith( 'compiled ' ) )
			.map( ( line ) => line.slice( 'compiled '.length ) )
	);
	return files.filter( ( file ) => ! compiled.has( file ) );
}
