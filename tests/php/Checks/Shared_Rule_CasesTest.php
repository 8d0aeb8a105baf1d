<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Checks;

use Keystone_OIDC\Checks\Mapped_Claim;
use Keystone_OIDC\Checks\Redirect_Uri;
use Keystone_OIDC\Checks\Resource_Indicator;
use PHPUnit\Framework\TestCase;

/**
 * The PHP half of `tests/shared/rule-cases.json`: the rules the admin screens also check (the
 * TypeScript half is `tests/unit/shared/rule-cases.test.ts`) give each case its expected problem.
 */
final class Shared_Rule_CasesTest extends TestCase {
	const SECTIONS = array( 'redirectUri', 'backchannelLogoutUri', 'audience', 'claimName', 'metaKey' );

	/**
	 * @return array<string,mixed>
	 */
	private static function table(): array {
		$json = file_get_contents( dirname( __DIR__, 2 ) . '/shared/rule-cases.json' );
		return json_decode( (string) $json, true, 16, JSON_THROW_ON_ERROR );
	}

	public function test_the_table_holds_exactly_the_sections_both_halves_run(): void {
		$table = self::table();
		unset( $table['$comment'] );
		$this->assertSame( self::SECTIONS, array_keys( $table ) );
	}

	/**
	 * @return array<string, array{string, string, string|null}>
	 */
	public function cases(): array {
		$cases = array();
		foreach ( self::SECTIONS as $section ) {
			foreach ( self::table()[ $section ] as $index => $case ) {
				$input = $case['input'] . str_repeat( $case['pad'] ?? '', $case['times'] ?? 0 );
				$cases[ $section . ' #' . $index . ' ' . substr( json_encode( $case['input'] ), 0, 60 ) ] = array( $section, $input, $case['problem'] );
			}
		}
		return $cases;
	}

	/**
	 * @dataProvider cases
	 */
	public function test_php_gives_the_expected_problem( string $section, string $input, ?string $expected ): void {
		switch ( $section ) {
			case 'redirectUri':
				$this->assertSame( $expected, Redirect_Uri::registration_problem( $input ) );
				break;
			case 'backchannelLogoutUri':
				$this->assertSame( $expected, Redirect_Uri::backchannel_logout_problem( $input ) );
				break;
			case 'audience':
				$this->assertSame( null === $expected, Resource_Indicator::is_valid( $input ) );
				break;
			case 'claimName':
				$this->assertSame( $expected, Mapped_Claim::name_problem( $input ) );
				break;
			default:
				$this->assertSame( $expected, Mapped_Claim::meta_key_problem( $input ) );
		}
	}
}
