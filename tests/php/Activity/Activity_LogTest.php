<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Activity;

use Keystone_OIDC\Activity\Activity_Log;
use Keystone_OIDC\Activity\Activity_Store;
use Keystone_OIDC\Tests\Support\Fixed_Clock;
use PHPUnit\Framework\TestCase;

/**
 * The activity log's cost rule: nothing written (and nothing scheduled) for a request that logs
 * nothing, one write with every entry for one that logs something.
 */
final class Activity_LogTest extends TestCase {
	const NOW = 1700000000;

	/** @var array<int,array<int,array<string,mixed>>> Each write, with its entries. */
	private $writes = array();

	/** @var callable[] What would run at the end of the request. */
	private $at_end = array();

	/** @var Activity_Log */
	private $log;

	protected function setUp(): void {
		$writes    = &$this->writes;
		$store     = new class( $writes ) implements Activity_Store {
			/** @var array<int,array<int,array<string,mixed>>> */
			private $writes;

			/**
			 * @param array<int,array<int,array<string,mixed>>> $writes
			 */
			public function __construct( array &$writes ) {
				$this->writes = &$writes;
			}

			public function insert_many( array $entries ): void {
				$this->writes[] = $entries;
			}
		};
		$at_end    = &$this->at_end;
		$this->log = new Activity_Log(
			$store,
			new Fixed_Clock( self::NOW ),
			static function ( callable $flush ) use ( &$at_end ): void {
				$at_end[] = $flush;
			}
		);
	}

	private function end_request(): void {
		foreach ( $this->at_end as $flush ) {
			$flush();
		}
	}

	public function test_a_request_that_logs_nothing_schedules_and_writes_nothing(): void {
		$this->end_request();
		$this->assertSame( array(), $this->at_end );
		$this->assertSame( array(), $this->writes );
	}

	public function test_every_entry_of_a_request_is_written_once_with_one_write(): void {
		$this->log->record( Activity_Log::TOKEN_GRANTED, 'client-a', 7, array( 'grant_type' => 'authorization_code' ) );
		$this->log->record( Activity_Log::SIGN_IN, 'client-a', 7 );
		$this->assertSame( array(), $this->writes, 'Nothing is written before the request ends.' );
		$this->assertCount( 1, $this->at_end, 'The write is scheduled once.' );

		$this->end_request();
		$this->log->flush();

		$this->assertCount( 1, $this->writes );
		$this->assertSame(
			array(
				array(
					'created_at' => self::NOW,
					'event'      => 'token_granted',
					'client_id'  => 'client-a',
					'user_id'    => 7,
					'details'    => array( 'grant_type' => 'authorization_code' ),
				),
				array(
					'created_at' => self::NOW,
					'event'      => 'sign_in',
					'client_id'  => 'client-a',
					'user_id'    => 7,
					'details'    => array(),
				),
			),
			$this->writes[0]
		);
	}

	public function test_a_claimed_client_id_is_cut_to_the_column_and_dropped_when_not_utf8(): void {
		$this->log->record( Activity_Log::CLIENT_AUTH_FAILED, str_repeat( 'é', 80 ), 0 );
		$this->log->record( Activity_Log::CLIENT_AUTH_FAILED, "bad\xff", -3 );
		$this->end_request();

		$this->assertSame( str_repeat( 'é', 64 ), $this->writes[0][0]['client_id'] );
		$this->assertSame( '', $this->writes[0][1]['client_id'] );
		$this->assertSame( 0, $this->writes[0][1]['user_id'] );
	}
}
