<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Cli;

use Keystone_OIDC\Cli\Client_Flags;
use PHPUnit\Framework\TestCase;

/**
 * `wp oidc client create|update` flags as a `ClientInput`: WP-CLI keeps only the last value of a
 * repeated flag, so URI lists are read from the raw command line.
 */
final class Client_FlagsTest extends TestCase {
	public function test_a_repeated_uri_flag_keeps_every_value_in_order(): void {
		$argv  = array( 'wp', 'oidc', 'client', 'create', '--redirect-uri=https://a.example/cb?x=1,2', '--name=App', '--redirect-uri=https://b.example/cb' );
		$input = Client_Flags::input(
			array(
				'name'         => 'App',
				'redirect-uri' => 'https://b.example/cb',
			),
			$argv
		);
		$this->assertSame(
			array(
				'name'          => 'App',
				'redirect_uris' => array( 'https://a.example/cb?x=1,2', 'https://b.example/cb' ),
			),
			$input
		);
	}

	public function test_names_are_comma_separated_and_an_empty_value_clears_a_list(): void {
		$input = Client_Flags::input(
			array(
				'scopes'        => 'openid, email',
				'allowed-roles' => '',
				'grant-types'   => 'authorization_code',
				'audience'      => '',
			),
			array( '--audience=' )
		);
		$this->assertSame( array( 'openid', 'email' ), $input['scopes'] );
		$this->assertSame( array(), $input['allowed_roles'] );
		$this->assertSame( array( 'authorization_code' ), $input['grant_types'] );
		$this->assertSame( array(), $input['audiences'] );
	}

	public function test_other_values_pass_as_given_for_client_input_to_judge(): void {
		$input = Client_Flags::input(
			array(
				'skip-consent'   => true,
				'refresh-tokens' => false,
				'rest-access'    => 'everything',
				'format'         => 'json',
				'yes'            => true,
			),
			array()
		);
		$this->assertSame(
			array(
				'skip_consent'   => true,
				'refresh_tokens' => false,
				'rest_access'    => 'everything',
			),
			$input
		);
	}

	public function test_a_command_run_without_its_command_line_keeps_the_one_value(): void {
		$input = Client_Flags::input( array( 'redirect-uri' => 'https://a.example/cb' ), array() );
		$this->assertSame( array( 'https://a.example/cb' ), $input['redirect_uris'] );
	}
}
