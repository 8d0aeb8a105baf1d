<?php
declare(strict_types=1);

namespace Keystone_OIDC\Admin;

use Keystone_OIDC\Endpoints\Router;
use Keystone_OIDC\Health\Endpoint_Probe;

/**
 * Tells the admin when relying parties cannot reach the endpoints. The endpoints answer wherever
 * the web server hands unknown paths to WordPress, whatever the permalink setting (the router
 * matches the path itself); a server that does not (Apache without WordPress's .htaccess) answers
 * them with its own 404 before WordPress runs. So the discovery URL is asked over loopback, as a
 * relying party would, and the answer kept in a transient: a few minutes while it fails, a day while
 * it works, and forgotten whenever the permalinks or rewrite rules are saved. Only admin screens
 * ask, never the front end.
 */
final class Permalink_Notice {
	const TRANSIENT = 'keystone_oidc_endpoint_probe';

	public static function render(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$probe = self::probe();
		if ( $probe['ok'] ) {
			return;
		}
		$answer = Endpoint_Probe::failure( $probe );
		echo '<div class="notice notice-error keystone-oidc-endpoint-notice"><p><strong>';
		echo esc_html__( 'Keystone OIDC: relying parties cannot reach the OpenID Connect endpoints.', 'keystone-oidc' );
		echo '</strong> ';
		printf(
			/* translators: 1: the discovery URL, 2: what went wrong */
			esc_html__( 'A request to %1$s from this server found that %2$s.', 'keystone-oidc' ),
			'<code>' . esc_html( $probe['url'] ) . '</code>',
			esc_html( $answer )
		);
		echo '</p>';
		self::fix();
		echo '</div>';
	}

	/**
	 * The fix for the web server this site runs on, printed (also into the Site Health test).
	 */
	public static function fix(): void {
		global $is_apache, $is_nginx;
		$home_root = trailingslashit( (string) wp_parse_url( home_url(), PHP_URL_PATH ) );
		if ( $is_apache ) {
			$file = function_exists( 'get_home_path' ) ? get_home_path() . '.htaccess' : '.htaccess';
			echo '<p>';
			printf(
				/* translators: 1: path of the .htaccess file, 2: link to the permalink settings */
				esc_html__( 'Apache does not pass these URLs to WordPress. Add WordPress’s rewrite rules to %1$s (saving %2$s writes them when the file is writable), and let Apache read them (mod_rewrite on, AllowOverride All for this folder):', 'keystone-oidc' ),
				'<code>' . esc_html( $file ) . '</code>',
				'<a href="' . esc_url( admin_url( 'options-permalink.php' ) ) . '">' . esc_html__( 'Settings → Permalinks', 'keystone-oidc' ) . '</a>'
			);
			echo '</p><pre>' . esc_html( self::htaccess( $home_root ) ) . '</pre>';
			return;
		}
		echo '<p>';
		if ( $is_nginx ) {
			printf(
				/* translators: %s: nginx directive */
				esc_html__( 'nginx does not pass these URLs to WordPress. In this site’s server block, let location / end with %s.', 'keystone-oidc' ),
				'<code>' . esc_html( 'try_files $uri $uri/ ' . $home_root . 'index.php?$args;' ) . '</code>'
			);
		} else {
			printf(
				/* translators: %s: path of WordPress's front controller */
				esc_html__( 'The web server does not pass these URLs to WordPress. Configure it to send requests for paths that are not files to %s, as WordPress’s pretty permalinks need.', 'keystone-oidc' ),
				'<code>' . esc_html( $home_root . 'index.php' ) . '</code>'
			);
		}
		echo '</p>';
	}

	/**
	 * WordPress's own .htaccess block (WP_Rewrite::mod_rewrite_rules() for pretty permalinks).
	 */
	private static function htaccess( string $home_root ): string {
		return "# BEGIN WordPress\n<IfModule mod_rewrite.c>\nRewriteEngine On\n"
			. "RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]\n"
			. 'RewriteBase ' . $home_root . "\nRewriteRule ^index\\.php$ - [L]\n"
			. "RewriteCond %{REQUEST_FILENAME} !-f\nRewriteCond %{REQUEST_FILENAME} !-d\n"
			. 'RewriteRule . ' . $home_root . "index.php [L]\n</IfModule>\n# END WordPress";
	}

	/**
	 * Asks the discovery URL once and remembers the answer for this URL.
	 *
	 * @return array{url:string,ok:bool,status:int,error:string}
	 */
	private static function probe(): array {
		$url    = Router::url( 'discovery' );
		$cached = get_transient( self::TRANSIENT );
		if ( is_array( $cached ) && ( $cached['url'] ?? null ) === $url && isset( $cached['ok'], $cached['status'], $cached['error'] ) ) {
			return array(
				'url'    => $url,
				'ok'     => (bool) $cached['ok'],
				'status' => (int) $cached['status'],
				'error'  => (string) $cached['error'],
			);
		}
		$result = ( new Endpoint_Probe() )->ask( $url );
		set_transient( self::TRANSIENT, $result, $result['ok'] ? DAY_IN_SECONDS : 5 * MINUTE_IN_SECONDS );
		return $result;
	}

	/**
	 * Saved permalinks or rewrite rules may have fixed (or broken) the routing: ask again.
	 */
	public static function forget(): void {
		delete_transient( self::TRANSIENT );
	}
}
