<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * What a grant needs to know about the database it runs on: whether a transaction on another
 * server can change a row this transaction already changed before this one commits.
 *
 * On one MariaDB or MySQL server it cannot: the grant's UPDATE of the code (or refresh token) holds
 * that row's lock until COMMIT, so a replay or a revocation waits and then revokes what this grant
 * committed (`tests/e2e/protocol/replay-race.spec.ts`). On a Galera cluster each node takes its own
 * locks and the cluster only sorts the commits out afterwards, so a grant reads the row again
 * after issuing (one statement more) to see a replay that came through another node
 * (`npm run test:scaleout`).
 */
interface Replication {
	public function writes_race_across_nodes(): bool;
}
