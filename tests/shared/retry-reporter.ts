/**
 * Prints, at the end of a run, every test that passed only on a retry ("needed a retry:"), so CI
 * shows the flaky ones by name. (titlePath: root, project, file, then the describes and the title.) The aim is an empty list: a retry hides a defect, it never fixes one.
 */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class RetryReporter implements Reporter {
	private readonly retried = new Map< string, number >();

	onTestEnd( test: TestCase, result: TestResult ): void {
		if ( result.retry > 0 ) {
			this.retried.set(
				`${ test.location.file.replace( /^.*\/tests\//, 'tests/' ) }:${
					test.location.line
				} › ${ test.titlePath().slice( 3 ).join( ' › ' ) }`,
				result.retry
			);
		}
	}

	onEnd(): void {
		const lines = [ ...this.retried ].map(
			( [ title, retries ] ) =>
				`  ${ title } (${ retries } retr${
					retries === 1 ? 'y' : 'ies'
				})`
		);
		process.stdout.write(
			`\nneeded a retry: ${
				lines.length === 0
					? 'none'
					: `${ lines.length }\n${ lines.join( '\n' ) }`
			}\n`
		);
	}

	printsToStdio(): boolean {
		return false;
	}
}
