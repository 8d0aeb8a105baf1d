import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';

const repoRoot = resolve( __dirname, '../../..' );
const workflowDir = join( repoRoot, '.github/workflows' );

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	if?: string;
	with?: Record< string, unknown >;
	env?: Record< string, string >;
}

interface Job {
	'runs-on'?: string;
	uses?: string;
	needs?: string | string[];
	if?: string;
	permissions?: Record< string, string >;
	steps?: Step[];
}

interface Workflow {
	name: string;
	on: Record< string, unknown >;
	permissions?: Record< string, string >;
	jobs: Record< string, Job >;
}

function load( file: string ): { text: string; workflow: Workflow } {
	const text = readFileSync( join( workflowDir, file ), 'utf8' );
	const document = parseDocument( text, {
		prettyErrors: true,
		uniqueKeys: true,
	} );
	assert.deepEqual(
		document.errors.map( ( error ) => error.message ),
		[],
		`${ file } is valid YAML`
	);
	assert.deepEqual(
		document.warnings.map( ( warning ) => warning.message ),
		[],
		`${ file } has no YAML warnings`
	);
	return { text, workflow: document.toJS() as Workflow };
}

const files = readdirSync( workflowDir ).filter( ( file ) =>
	/\.ya?ml$/.test( file )
);
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;

function allSteps( workflow: Workflow ): Array< [ string, Step ] > {
	return Object.entries( workflow.jobs ).flatMap( ( [ id, job ] ) =>
		( job.steps ?? [] ).map( ( step ): [ string, Step ] => [ id, step ] )
	);
}

describe( 'every workflow', () => {
	it( 'includes the test and release workflows', () => {
		assert.deepEqual( files.sort(), [ 'release.yml', 'test.yml' ] );
	} );

	for ( const file of files ) {
		describe( file, () => {
			const { text, workflow } = load( file );

			it( 'has a name, triggers and jobs, each job runnable', () => {
				assert.equal( typeof workflow.name, 'string' );
				assert.ok( Object.keys( workflow.on ).length > 0 );
				for ( const [ id, job ] of Object.entries( workflow.jobs ) ) {
					assert.ok(
						( job[ 'runs-on' ] !== undefined &&
							Array.isArray( job.steps ) &&
							job.steps.length > 0 ) ||
							( job.uses !== undefined &&
								job.steps === undefined ),
						`job ${ id } has runs-on and steps, or calls a workflow`
					);
					for ( const need of [ job.needs ?? [] ].flat() ) {
						assert.ok(
							need in workflow.jobs,
							`job ${ id } needs an existing job (${ need })`
						);
					}
				}
			} );

			it( 'gives every step exactly one of uses or run', () => {
				for ( const [ id, step ] of allSteps( workflow ) ) {
					assert.ok(
						( step.uses === undefined ) !==
							( step.run === undefined ),
						`a step of ${ id } (${
							step.name ?? step.uses ?? step.run
						}) has one of uses/run`
					);
				}
			} );

			it( 'pins every action to a full commit SHA with the version in a comment', () => {
				const usesLines = text
					.split( '\n' )
					.filter( ( line ) => /^\s*(?:-\s+)?uses:/.test( line ) );
				assert.ok( usesLines.length > 0 );
				for ( const line of usesLines ) {
					const match = /uses:\s*(\S+)(?:\s+#\s*(.*))?$/.exec( line );
					const ref = match?.[ 1 ] ?? '';
					if ( ref.startsWith( './' ) ) {
						assert.ok(
							existsSync( join( repoRoot, ref ) ),
							`${ ref } exists`
						);
						continue;
					}
					assert.match(
						ref,
						PINNED,
						`${ ref } is pinned by commit SHA`
					);
					assert.match(
						match?.[ 2 ] ?? '',
						/^v\d+(\.\d+)*\b/,
						`${ ref } states its version in a comment`
					);
				}
			} );

			it( 'grants no more than contents: write, and write only inside a job', () => {
				const top = workflow.permissions;
				assert.ok(
					top !== undefined,
					'top-level permissions are explicit'
				);
				assert.ok(
					Object.values( top ).every(
						( level ) => level === 'read' || level === 'none'
					),
					'top-level permissions are read-only'
				);
				for ( const [ id, job ] of Object.entries( workflow.jobs ) ) {
					for ( const [ scope, level ] of Object.entries(
						job.permissions ?? {}
					) ) {
						assert.ok(
							level !== 'write' || scope === 'contents',
							`job ${ id } writes only contents (not ${ scope })`
						);
					}
				}
			} );

			it( 'puts no expression from the event into a shell script', () => {
				for ( const [ id, step ] of allSteps( workflow ) ) {
					assert.doesNotMatch(
						step.run ?? '',
						/\$\{\{/,
						`a run step of ${ id } reads values through env`
					);
				}
			} );

			it( 'calls only project scripts that exist', () => {
				for ( const [ , step ] of allSteps( workflow ) ) {
					for ( const [ script ] of ( step.run ?? '' ).matchAll(
						/scripts\/release\/[\w-]+\.ts/g
					) ) {
						assert.ok(
							existsSync( join( repoRoot, script ) ),
							`${ script } exists`
						);
					}
				}
			} );
		} );
	}
} );

describe( 'test.yml', () => {
	const { workflow } = load( 'test.yml' );

	it( 'runs on pushes and pull requests, and can be called by the release', () => {
		assert.ok( 'push' in workflow.on );
		assert.ok( 'pull_request' in workflow.on );
		assert.ok( 'workflow_call' in workflow.on );
	} );

	it( 'only reads the repository', () => {
		assert.deepEqual( workflow.permissions, { contents: 'read' } );
		for ( const job of Object.values( workflow.jobs ) ) {
			assert.equal( job.permissions, undefined );
		}
	} );

	it( 'runs .ci/run on Debian, so it tests exactly what CI tests', () => {
		const job = workflow.jobs.test as Job & { container?: string };
		assert.match( job[ 'runs-on' ] ?? '', /^ubuntu-/ );
		assert.match( String( job.container ), /^debian:bookworm/ );
		assert.ok(
			job.steps?.some( ( step ) => step.run?.trim() === 'bash .ci/run' )
		);
		assert.match(
			readFileSync( join( repoRoot, '.ci/run' ), 'utf8' ),
			/^npm test$/m
		);
	} );

	it( 'checks out without keeping the token', () => {
		const checkout = workflow.jobs.test?.steps?.find(
			( step ) => step.uses?.startsWith( 'actions/checkout@' )
		);
		assert.equal( checkout?.with?.[ 'persist-credentials' ], false );
	} );
} );

describe( 'release.yml', () => {
	const { workflow } = load( 'release.yml' );
	const jobs = workflow.jobs;
	const runs = ( job: string ): string =>
		( jobs[ job ]?.steps ?? [] )
			.map( ( step ) => step.run ?? '' )
			.join( '\n' );

	it( 'runs on pushes to main and on v*-dev tags', () => {
		assert.deepEqual( workflow.on, {
			push: { branches: [ 'main' ], tags: [ 'v*-dev', 'v*-dev.*' ] },
		} );
	} );

	it( 'grants nothing by default and contents: write only to the publishing jobs', () => {
		assert.deepEqual( workflow.permissions, {} );
		assert.deepEqual( jobs.test?.permissions, { contents: 'read' } );
		assert.deepEqual( jobs.release?.permissions, { contents: 'write' } );
		assert.deepEqual( jobs.prerelease?.permissions, { contents: 'write' } );
	} );

	it( 'tests first, with the test workflow itself', () => {
		assert.equal( jobs.test?.uses, './.github/workflows/test.yml' );
		assert.equal( jobs.release?.needs, 'test' );
		assert.equal( jobs.prerelease?.needs, 'test' );
	} );

	it( 'releases from main: next version, versions, zip, tag, GitHub Release', () => {
		assert.match(
			jobs.release?.if ?? '',
			/github\.ref == 'refs\/heads\/main'/
		);
		const checkout = jobs.release?.steps?.find(
			( step ) => step.uses?.startsWith( 'actions/checkout@' )
		);
		assert.equal( checkout?.with?.[ 'fetch-depth' ], 0 );
		const script = runs( 'release' );
		const order = [
			'scripts/release/next-version.ts --write',
			'scripts/release/set-version.ts "$VERSION"',
			'scripts/release/check-version.ts',
			'npm run build',
			'npm run plugin-zip',
			'git tag -a "v$VERSION"',
			'git push',
			'gh release create "v$VERSION" "dist/keystone-oidc-$VERSION.zip"',
		].map( ( part ) => {
			const at = script.indexOf( part );
			assert.ok( at >= 0, `the release runs ${ part }` );
			return at;
		} );
		assert.deepEqual(
			order,
			[ ...order ].sort( ( a, b ) => a - b ),
			'in this order'
		);
		assert.doesNotMatch( script, /--prerelease/ );
	} );

	it( 'publishes a -dev tag as a pre-release of the tagged version', () => {
		assert.match( jobs.prerelease?.if ?? '', /github\.ref_type == 'tag'/ );
		const script = runs( 'prerelease' );
		assert.match( script, /next-version\.ts --tag "\$GITHUB_REF_NAME"/ );
		assert.match( script, /set-version\.ts "\$VERSION"/ );
		assert.match( script, /npm run plugin-zip/ );
		assert.match(
			script,
			/gh release create "\$GITHUB_REF_NAME" "dist\/keystone-oidc-\$VERSION\.zip"[\s\S]*--prerelease/
		);
		assert.doesNotMatch( script, /git push/ );
	} );

	it( 'skips its own release commit', () => {
		assert.match(
			jobs.test?.if ?? '',
			/!startsWith\(github\.event\.head_commit\.message, 'chore\(release\):'\)/
		);
	} );
} );
