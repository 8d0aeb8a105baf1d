/**
 * Measurements beyond the interleaved table (growth, concurrency, object cache, cleanup under load):
 * each phase is one file in this folder, listed once in `PHASES`, run by `run.ts` after the main
 * table on the same site, and reported as its own section of the printed report and of the JSON.
 */
import type { Chain } from '../lib/chain';
import type { config } from '../lib/config';
import type { Database } from '../lib/db';
import type { LoadClient } from '../lib/http';
import type { RegisteredClient, Session } from '../lib/oidc';
import type { BenchSite } from '../lib/site';
import { cleanup } from './cleanup';
import { concurrency } from './concurrency';
import { growth } from './growth';
import { idlePhase } from './idle';
import { objectCachePhase } from './object-cache';

export interface PhaseContext {
	site: BenchSite;
	/** The load client of the main site (concurrency as configured). */
	client: LoadClient;
	db: Database;
	config: typeof config;
	/** The admin's session and the registered client, when the protocol scenarios could run. */
	protocol: { rp: RegisteredClient; session: Session } | null;
	chain: Chain | null;
	log: ( message: string ) => void;
}

export interface PhaseReport {
	id: string;
	title: string;
	/** The section printed after the main table (already formatted, ends with a newline). */
	text: string;
	/** What goes into the JSON artifact under `phases[id]`. */
	json: unknown;
}

export interface Phase {
	id: string;
	title: string;
	run: ( context: PhaseContext ) => Promise< PhaseReport >;
}

export const PHASES: Phase[] = [
	concurrency,
	objectCachePhase,
	idlePhase,
	cleanup,
	// Last: it makes the site big for good.
	growth,
];
