<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

/**
 * Asks the discovery document over loopback, as a relying party would: whether the web server hands
 * the endpoints' paths to WordPress at all. Shared by the admin notice (`Admin\Permalink_Notice`,
 * which caches the answer) and the Site Health test (`Endpoints_Test`, which asks afresh).
 */
final class Endpoint_Probe {
	/**
	 * @return array{url:string,ok:bool,status:int,error:string}
	 */
	public function ask( string $url ): array {
		$response = wp_remote_get(
			$url,
			array(
				'timeout'     => 5,
				'redirection' => 0,
				// As Site Health's loopback check: this server may not trust its own certificate.
				'sslverify'   => (bool) apply_filters( 'https_local_ssl_verify', false ),
			)
		);
		$error    = is_wp_error( $response ) ? $response->get_error_message() : '';
		$status   = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
		$body     = is_wp_error( $response ) ? null : json_decode( wp_remote_retrieve_body( $response ), true );
		return array(
			'url'    => $url,
			'ok'     => 200 === $status && is_array( $body ) && isset( $body['issuer'] ),
			'status' => $status,
			'error'  => $error,
		);
	}

	/**
	 * What went wrong, in a sentence's end: "the request failed: …" or "the server answered HTTP 404 …".
	 *
	 * @param array{url:string,ok:bool,status:int,error:string} $probe
	 */
	public static function failure( array $probe ): string {
		return '' !== $probe['error']
			/* translators: %s: the error message of the HTTP request */
			? sprintf( __( 'the request failed: %s', 'keystone-oidc' ), $probe['error'] )
			/* translators: %d: HTTP status code */
			: sprintf( __( 'the server answered HTTP %d instead of the discovery document', 'keystone-oidc' ), $probe['status'] );
	}
}
