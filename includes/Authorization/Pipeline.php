<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\Error_Boundary;
use Keystone_OIDC\Http\Parameters;

/**
 * An ordered list of steps run until one answers. Whatever a step throws goes to the error
 * boundary with what is proven so far, so the order of the steps is the order in which errors are
 * reported, and an error is redirected to the client only after the steps that prove it ran.
 */
final class Pipeline {
	/** @var Step[] */
	private $steps;

	/** @var Error_Boundary */
	private $boundary;

	/**
	 * @param Step[] $steps
	 */
	public function __construct( array $steps, Error_Boundary $boundary ) {
		$this->steps    = $steps;
		$this->boundary = $boundary;
	}

	public function run( Parameters $params, string $method ): Answer {
		$context = new Context( $params, $method );
		try {
			foreach ( $this->steps as $step ) {
				$answer = $step->run( $context );
				if ( null !== $answer ) {
					return $answer;
				}
			}
			throw new \LogicException( 'The authorization pipeline ended without an answer' );
		} catch ( \Throwable $failure ) {
			return $this->boundary->answer( $failure, Error_Boundary::FRONT, $context->request, $method );
		}
	}
}
