<?php
declare(strict_types=1);

namespace Keystone_OIDC\Rules;

use Keystone_OIDC\Checks\Mapped_Claim;
use Keystone_OIDC\Checks\Redirect_Uri;
use Keystone_OIDC\Checks\Resource_Indicator;
use Keystone_OIDC\Clients\Client_Input;
use Keystone_OIDC\Tokens\Claim_Map;

/**
 * The input rules the admin screens check as the admin types, as data: the constants of the
 * classes that enforce them at run time, so a rule changed there reaches the screens unchanged
 * (`window.keystoneOidc.rules`, read by `src/config/rules.ts`). The server stays the authority;
 * the screens only answer sooner. Patterns are written for both PCRE and JavaScript (see
 * `Redirect_Uri::PATTERNS`). Pure: `tests/shared/dump-rules.php` prints it for the TypeScript
 * test of `tests/shared/rule-cases.json`.
 */
final class Shared_Rules {
	/**
	 * @return array<string,array<string,mixed>>
	 */
	public static function for_screens(): array {
		return array(
			'redirectUri' => array(
				'maxLength'        => Redirect_Uri::MAX_LENGTH,
				'forbiddenSchemes' => Redirect_Uri::FORBIDDEN_SCHEMES,
				'loopbackNames'    => Redirect_Uri::LOOPBACK_NAMES,
				'patterns'         => Redirect_Uri::PATTERNS,
			),
			'audience'    => array(
				'maxLength' => Resource_Indicator::MAX_LENGTH,
				'pattern'   => Resource_Indicator::PATTERN,
			),
			'clientName'  => array(
				'maxLength' => Client_Input::NAME_MAX,
			),
			'claims'      => array(
				'nameMaxLength'    => Mapped_Claim::NAME_MAX_LENGTH,
				'namePattern'      => Mapped_Claim::NAME_PATTERN,
				'reserved'         => Mapped_Claim::RESERVED,
				'metaKeyMaxLength' => Mapped_Claim::META_KEY_MAX,
				'metaKeyPattern'   => Mapped_Claim::META_KEY_PATTERN,
				'credentialKeys'   => Mapped_Claim::CREDENTIAL_KEYS,
				'credentialWords'  => Mapped_Claim::CREDENTIAL_WORDS,
				'maxMappings'      => Claim_Map::MAX_ENTRIES,
			),
		);
	}
}
