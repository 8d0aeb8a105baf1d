<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Device;

use Keystone_OIDC\Device\User_Code;
use PHPUnit\Framework\TestCase;

/**
 * RFC 8628 §6.1: user codes from a small unambiguous alphabet, typed however the user likes.
 */
final class User_CodeTest extends TestCase {
	public function test_a_code_is_eight_characters_of_the_alphabet(): void {
		for ( $i = 0; $i < 50; $i++ ) {
			$code = User_Code::generate();
			$this->assertMatchesRegularExpression( '/^[BCDFGHJKLMNPQRSTVWXZ]{8}$/D', $code );
		}
	}

	public function test_every_character_of_the_alphabet_can_be_drawn(): void {
		$this->assertSame( 'BBBBBBBB', User_Code::generate( static function ( int $min ): int {
			return $min;
		} ) );
		$this->assertSame( 'ZZZZZZZZ', User_Code::generate( static function ( int $min, int $max ): int {
			return $max;
		} ) );
	}

	public function test_the_alphabet_has_no_vowels_and_no_digits(): void {
		$this->assertSame( 20, strlen( User_Code::ALPHABET ) );
		$this->assertSame( 0, preg_match( '/[AEIOUY0-9]/', User_Code::ALPHABET ) );
	}

	public function test_it_is_shown_in_two_groups(): void {
		$this->assertSame( 'BCDF-GHJK', User_Code::display( 'BCDFGHJK' ) );
	}

	/**
	 * @dataProvider typed_forms
	 */
	public function test_case_dashes_and_spaces_do_not_matter( string $typed ): void {
		$this->assertSame( 'BCDFGHJK', User_Code::normalise( $typed ) );
	}

	/**
	 * @return array<string,array{string}>
	 */
	public function typed_forms(): array {
		return array(
			'as shown'      => array( 'BCDF-GHJK' ),
			'lowercase'     => array( 'bcdfghjk' ),
			'mixed, dashed' => array( 'bcDf-gHjk' ),
			'spaces'        => array( ' bcdf ghjk ' ),
			'tab and dash'  => array( "BCDF\t- GHJK" ),
		);
	}

	/**
	 * @dataProvider not_codes
	 */
	public function test_what_cannot_be_a_code_is_refused( string $typed ): void {
		$this->assertNull( User_Code::normalise( $typed ) );
	}

	/**
	 * @return array<string,array{string}>
	 */
	public function not_codes(): array {
		return array(
			'empty'       => array( '' ),
			'too short'   => array( 'BCDF-GHJ' ),
			'too long'    => array( 'BCDF-GHJKL' ),
			'a vowel'     => array( 'BCDF-GHJA' ),
			'a digit'     => array( 'BCDF-GHJ1' ),
			'punctuation' => array( 'BCDF.GHJK' ),
			'non-ASCII'   => array( 'BCDF-GHJÄ' ),
		);
	}

	public function test_the_hash_is_of_the_normalised_code(): void {
		$this->assertSame( User_Code::hash( (string) User_Code::normalise( 'bcdf ghjk' ) ), User_Code::hash( 'BCDFGHJK' ) );
		$this->assertSame( 64, strlen( User_Code::hash( 'BCDFGHJK' ) ) );
	}
}
