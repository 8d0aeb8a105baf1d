<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Checks;

use Keystone_OIDC\Checks\Mapped_Claim;
use PHPUnit\Framework\TestCase;

final class Mapped_ClaimTest extends TestCase {
	/**
	 * @return array<string, array{string}>
	 */
	public function valid_names(): array {
		return array(
			'plain'          => array( 'department' ),
			'underscore'     => array( '_internal' ),
			'namespaced url' => array( 'https:x' ),
			'dotted'         => array( 'org.example.team' ),
			'dashed'         => array( 'employee-id' ),
			'64 characters'  => array( 'a' . str_repeat( 'b', 63 ) ),
			'standard claim' => array( 'groups' ),
		);
	}

	/**
	 * @dataProvider valid_names
	 */
	public function test_valid_names_pass( string $name ): void {
		$this->assertNull( Mapped_Claim::name_problem( $name ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function malformed_names(): array {
		return array(
			'leading digit'   => array( '1st' ),
			'leading dash'    => array( '-x' ),
			'space'           => array( 'first name' ),
			'slash'           => array( 'a/b' ),
			'65 characters'   => array( 'a' . str_repeat( 'b', 64 ) ),
			'trailing line'   => array( "team\n" ),
			'non-ascii'       => array( 'équipe' ),
		);
	}

	/**
	 * @dataProvider malformed_names
	 */
	public function test_malformed_names_are_refused( string $name ): void {
		$this->assertSame( Mapped_Claim::PROBLEM_NAME_PATTERN, Mapped_Claim::name_problem( $name ) );
	}

	public function test_an_empty_name_is_missing_rather_than_malformed(): void {
		$this->assertSame( Mapped_Claim::PROBLEM_NAME_REQUIRED, Mapped_Claim::name_problem( '' ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function protocol_claims(): array {
		$claims = array();
		foreach ( array( 'sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'azp', 'at_hash', 'sid', 'jti', 'scope', 'client_id', 'email_verified', 'SUB' ) as $claim ) {
			$claims[ $claim ] = array( $claim );
		}
		return $claims;
	}

	/**
	 * @dataProvider protocol_claims
	 */
	public function test_protocol_claims_cannot_be_mapped( string $name ): void {
		$this->assertSame( Mapped_Claim::PROBLEM_NAME_RESERVED, Mapped_Claim::name_problem( $name ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function readable_meta_keys(): array {
		return array(
			'plain'       => array( 'department' ),
			'with colon'  => array( 'acme:employee_id' ),
			'core field'  => array( 'description' ),
			'capitalised' => array( 'Office' ),
		);
	}

	/**
	 * @dataProvider readable_meta_keys
	 */
	public function test_readable_meta_keys_pass( string $meta_key ): void {
		$this->assertNull( Mapped_Claim::meta_key_problem( $meta_key ) );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public function refused_meta_keys(): array {
		return array(
			'empty'                => array( '', Mapped_Claim::PROBLEM_META_KEY_REQUIRED ),
			'space'                => array( 'first name', Mapped_Claim::PROBLEM_META_KEY_SHAPE ),
			'too long'             => array( str_repeat( 'a', 256 ), Mapped_Claim::PROBLEM_META_KEY_SHAPE ),
			'control character'    => array( "dept\n", Mapped_Claim::PROBLEM_META_KEY_SHAPE ),
			'protected'            => array( '_wp_attached', Mapped_Claim::PROBLEM_META_PROTECTED ),
			'application password' => array( '_application_passwords', Mapped_Claim::PROBLEM_META_PROTECTED ),
			'user_pass'            => array( 'user_pass', Mapped_Claim::PROBLEM_META_CREDENTIAL ),
			'session_tokens'       => array( 'session_tokens', Mapped_Claim::PROBLEM_META_CREDENTIAL ),
			'activation key'       => array( 'user_activation_key', Mapped_Claim::PROBLEM_META_CREDENTIAL ),
			'password anywhere'    => array( 'legacy_Password_md5', Mapped_Claim::PROBLEM_META_CREDENTIAL ),
			'token anywhere'       => array( 'github_access_token', Mapped_Claim::PROBLEM_META_CREDENTIAL ),
			'secret anywhere'      => array( 'totp-SECRET', Mapped_Claim::PROBLEM_META_CREDENTIAL ),
			'key anywhere'         => array( 'api_key', Mapped_Claim::PROBLEM_META_CREDENTIAL ),
		);
	}

	/**
	 * @dataProvider refused_meta_keys
	 */
	public function test_meta_keys_that_may_hold_credentials_are_refused( string $meta_key, string $problem ): void {
		$this->assertSame( $problem, Mapped_Claim::meta_key_problem( $meta_key ) );
	}
}
