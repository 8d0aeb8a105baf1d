/**
 * A test certificate authority for this run only (openssl): the TLS proxy of `bin/host-site.sh
 * --tls` signs its certificate with it, and the test clients trust it through
 * NODE_EXTRA_CA_CERTS, which Node reads when a process starts, so it is set here, before
 * Playwright starts its workers. Nothing else trusts it, and it is deleted after the run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../e2e/support/site';

export default function globalSetup(): () => void {
	const dir = path.join( repoRoot, '.cache/hosts', `ca-${ process.pid }` );
	mkdirSync( dir, { recursive: true } );
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-days',
			'1',
			'-subj',
			'/CN=Keystone OIDC hosts test CA',
			'-addext',
			'basicConstraints=critical,CA:TRUE',
			'-addext',
			'keyUsage=critical,keyCertSign,cRLSign',
			'-keyout',
			path.join( dir, 'ca.key' ),
			'-out',
			path.join( dir, 'ca.pem' ),
		],
		{ stdio: 'pipe' }
	);
	process.env.KEYSTONE_TEST_CA_DIR = dir;
	process.env.NODE_EXTRA_CA_CERTS = path.join( dir, 'ca.pem' );
	return () => rmSync( dir, { recursive: true, force: true } );
}
