<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

use Keystone_OIDC\Http\Outage_Dropin;

/**
 * The state of WordPress's database-error drop-in (`wp-content/db-error.php`), which the plugin
 * writes on activation (`Http\Outage_Dropin`): with it, the protocol endpoints answer a database
 * outage as relying parties expect (503 `temporarily_unavailable` in JSON, which they retry) instead
 * of WordPress's HTML error page, which they take for a broken provider.
 */
final class Dropin_Test implements Health_Test {
	const ID = 'keystone_oidc_database_error_dropin';

	public function id(): string {
		return self::ID;
	}

	public function label(): string {
		return __( 'Database-error drop-in for the OpenID Connect endpoints', 'keystone-oidc' );
	}

	public function is_async(): bool {
		return false;
	}

	public function run(): array {
		$path       = '<code>' . esc_html( Outage_Dropin::path() ) . '</code>';
		$reason     = esc_html__( 'During a database outage the OpenID Connect endpoints then answer with WordPress’s HTML error page instead of a 503 “temporarily_unavailable” in JSON, which relying parties retry.', 'keystone-oidc' );
		$reactivate = esc_html__( 'Deactivate and activate Keystone OIDC: activation writes the drop-in when the folder is writable and no other drop-in is there.', 'keystone-oidc' );
		switch ( Outage_Dropin::state() ) {
			case Outage_Dropin::STATE_OURS:
				/* translators: %s: file path */
				return $this->result( Result::GOOD, __( 'The database-error drop-in is in place', 'keystone-oidc' ), sprintf( esc_html__( 'Keystone OIDC’s drop-in %s answers protocol requests during a database outage with a 503 in JSON, which relying parties retry.', 'keystone-oidc' ), $path ) );
			case Outage_Dropin::STATE_OFF:
				return $this->result( Result::GOOD, __( 'The database-error drop-in is turned off', 'keystone-oidc' ), esc_html__( 'The keystone_oidc_database_error_dropin filter keeps the drop-in off this site.', 'keystone-oidc' ) . ' ' . $reason );
			case Outage_Dropin::STATE_OUTDATED:
				/* translators: %s: file path */
				return $this->result( Result::RECOMMENDED, __( 'The database-error drop-in is from another version of Keystone OIDC', 'keystone-oidc' ), sprintf( esc_html__( 'The drop-in %s was written by another version of Keystone OIDC or for another plugin folder, and may no longer find the plugin’s code.', 'keystone-oidc' ), $path ) . ' ' . $reactivate );
			case Outage_Dropin::STATE_OTHER:
				/* translators: %s: file path */
				return $this->result( Result::RECOMMENDED, __( 'Another database-error drop-in is installed', 'keystone-oidc' ), sprintf( esc_html__( 'The site has a drop-in of its own at %s, which Keystone OIDC leaves alone.', 'keystone-oidc' ), $path ) . ' ' . $reason . ' ' . esc_html__( 'To keep your page, add the hand-over of Keystone OIDC’s drop-in (Keystone_OIDC\Http\Outage_Response::answer()) at its top; or remove it and reactivate Keystone OIDC.', 'keystone-oidc' ) );
		}
		$writable = wp_is_writable( dirname( Outage_Dropin::path() ) ) ? '' : ' ' . esc_html__( 'The wp-content folder is not writable by the web server: make it writable for the activation, or copy the drop-in there yourself.', 'keystone-oidc' );
		/* translators: %s: file path */
		return $this->result( Result::RECOMMENDED, __( 'The database-error drop-in is missing', 'keystone-oidc' ), sprintf( esc_html__( 'There is no %s.', 'keystone-oidc' ), $path ) . ' ' . $reason . ' ' . $reactivate . $writable );
	}

	/**
	 * @param string $html One paragraph, escaped.
	 * @return array<string,mixed>
	 */
	private function result( string $status, string $label, string $html ): array {
		return Result::make(
			self::ID,
			$status,
			Result::PERFORMANCE,
			$label,
			'<p>' . $html . '</p>',
			Result::GOOD === $status ? '' : Result::link( admin_url( 'plugins.php' ), __( 'Plugins', 'keystone-oidc' ) )
		);
	}
}
