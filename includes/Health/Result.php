<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

/**
 * A Site Health test result in the shape WordPress expects (`WP_Site_Health::perform_test()`): the
 * label says what was found, the description why it matters, the actions how to fix it. Callers pass
 * the description and actions as HTML they escaped.
 */
final class Result {
	const GOOD        = 'good';
	const RECOMMENDED = 'recommended';
	const CRITICAL    = 'critical';

	const SECURITY    = 'security';
	const PERFORMANCE = 'performance';

	/**
	 * @param string $badge `Result::SECURITY` or `Result::PERFORMANCE`.
	 * @return array<string,mixed>
	 */
	public static function make( string $test, string $status, string $badge, string $label, string $description, string $actions = '' ): array {
		return array(
			'label'       => $label,
			'status'      => $status,
			'badge'       => array(
				'label' => self::SECURITY === $badge ? __( 'Security', 'keystone-oidc' ) : __( 'Performance', 'keystone-oidc' ),
				'color' => self::SECURITY === $badge ? 'red' : 'blue',
			),
			'description' => $description,
			'actions'     => $actions,
			'test'        => $test,
		);
	}

	/**
	 * Paragraphs of plain text, escaped.
	 */
	public static function paragraphs( string ...$texts ): string {
		$html = '';
		foreach ( $texts as $text ) {
			$html .= '<p>' . esc_html( $text ) . '</p>';
		}
		return $html;
	}

	/**
	 * One action link, escaped.
	 */
	public static function link( string $url, string $text ): string {
		return sprintf( '<p><a href="%s">%s</a></p>', esc_url( $url ), esc_html( $text ) );
	}

	/**
	 * A list of plain-text items, escaped.
	 *
	 * @param string[] $items
	 */
	public static function items( array $items ): string {
		if ( array() === $items ) {
			return '';
		}
		return '<ul><li>' . implode( '</li><li>', array_map( 'esc_html', $items ) ) . '</li></ul>';
	}
}
