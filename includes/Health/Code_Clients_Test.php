<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

use Keystone_OIDC\Admin\Code_Clients_Report;

/**
 * Whether every client declared in code (`KEYSTONE_OIDC_CLIENTS`, the `keystone_oidc_clients`
 * filter) passed the checks a client added in the admin passes, and none shadows a stored one.
 * A bad definition is left out, so its relying party cannot sign in: this is where an operator
 * finds out why.
 */
final class Code_Clients_Test implements Health_Test {
	const ID = 'keystone_oidc_code_clients';

	public function id(): string {
		return self::ID;
	}

	public function label(): string {
		return __( 'OpenID Connect clients defined in code', 'keystone-oidc' );
	}

	public function is_async(): bool {
		return false;
	}

	public function run(): array {
		$problems = Code_Clients_Report::problems();
		if ( array() === $problems ) {
			return Result::make(
				self::ID,
				Result::GOOD,
				Result::SECURITY,
				__( 'The OpenID Connect clients defined in code are valid', 'keystone-oidc' ),
				Result::paragraphs( __( 'Every client declared in KEYSTONE_OIDC_CLIENTS or by the keystone_oidc_clients filter passed the same checks as clients added in the admin.', 'keystone-oidc' ) )
			);
		}
		return Result::make(
			self::ID,
			Result::RECOMMENDED,
			Result::SECURITY,
			__( 'Some OpenID Connect clients defined in code cannot be used', 'keystone-oidc' ),
			Result::paragraphs( __( 'Relying parties using these clients cannot sign in. Fix the definitions in wp-config.php (KEYSTONE_OIDC_CLIENTS) or in the keystone_oidc_clients filter:', 'keystone-oidc' ) ) . Result::items( $problems )
		);
	}
}
