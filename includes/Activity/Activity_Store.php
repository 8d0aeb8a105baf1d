<?php
declare(strict_types=1);

namespace Keystone_OIDC\Activity;

/**
 * Where the activity log's entries are written: `Activity_Repository` on a site, an array in
 * PHPUnit.
 */
interface Activity_Store {
	/**
	 * Writes every entry with one statement.
	 *
	 * @param array<int,array{created_at:int,event:string,client_id:string,user_id:int,details:array<string,mixed>}> $entries
	 */
	public function insert_many( array $entries ): void;
}
