/**
 * Runs a relying party as a process of its own on loopback: started by the test, stopped by it,
 * its output kept in a log file next to the test results so a failure can be read afterwards.
 */
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../e2e/support/site';

const artifactsDir = path.join( repoRoot, 'artifacts/interop' );

export interface RunningProcess {
	url: string;
	logFile: string;
	stop: () => Promise< void >;
}

export interface ProcessOptions {
	name: string;
	command: string;
	args: string[];
	env?: Record< string, string >;
	/** URL that answers (any status below 500) once the process serves requests. */
	readyUrl: string;
	/** Base URL the tests use; defaults to the ready URL's origin. */
	url?: string;
}

export function freePort(): number {
	const output = execFileSync( 'bash', [
		path.join( repoRoot, 'bin/free-port.sh' ),
	] );
	return Number( output.toString().trim() );
}

export function runDir( name: string ): string {
	const dir = path.join( artifactsDir, `${ name }-${ process.pid }` );
	mkdirSync( dir, { recursive: true } );
	return dir;
}

async function answers( url: string ): Promise< boolean > {
	try {
		const response = await fetch( url, { redirect: 'manual' } );
		return response.status < 500;
	} catch {
		return false;
	}
}

export async function startProcess(
	options: ProcessOptions
): Promise< RunningProcess > {
	mkdirSync( artifactsDir, { recursive: true } );
	const logFile = path.join(
		artifactsDir,
		`${ options.name }-${ process.pid }.log`
	);
	const log = createWriteStream( logFile );
	const child = spawn( options.command, options.args, {
		cwd: repoRoot,
		env: { ...process.env, ...options.env },
		stdio: [ 'ignore', 'pipe', 'pipe' ],
		// A group of its own, so stopping it also stops the workers it forks.
		detached: true,
	} );
	child.stdout.pipe( log );
	child.stderr.pipe( log );
	let exited: number | null = null;
	const exit = new Promise< void >( ( resolve ) =>
		child.once( 'exit', ( code, signal ) => {
			exited = code ?? ( signal ? 128 : 1 );
			resolve();
		} )
	);

	const stop = async (): Promise< void > => {
		if ( exited === null && child.pid ) {
			process.kill( -child.pid, 'SIGTERM' );
			const timer = setTimeout( () => {
				if ( exited === null && child.pid ) {
					process.kill( -child.pid, 'SIGKILL' );
				}
			}, 5_000 );
			await exit;
			clearTimeout( timer );
		}
		log.end();
	};

	const deadline = Date.now() + 20_000;
	while ( Date.now() < deadline ) {
		if ( exited !== null ) {
			break;
		}
		if ( await answers( options.readyUrl ) ) {
			return {
				url: options.url ?? new URL( options.readyUrl ).origin,
				logFile,
				stop,
			};
		}
		await new Promise( ( resolve ) => setTimeout( resolve, 100 ) );
	}
	await stop();
	throw new Error(
		`${ options.name } did not start (exit ${ exited }); see ${ logFile }`
	);
}
