/**
 * The endpoint scenarios besides the token chain (`protocolSubjects`): discovery, JWKS, and
 * authorize with consent remembered, built once here for the main table and for every phase that
 * measures them again under other conditions.
 */
import { get } from './config';
import {
	authorizeRequest,
	PATHS,
	type RegisteredClient,
	type Session,
} from './oidc';
import { ratioTarget, status, type Subject } from './scenarios';

/** A GET of published metadata, targeted at 0.80× of the floor. */
function metadataSubject( id: string, label: string, p: string ): Subject {
	return {
		id,
		label,
		ref: 'rest',
		spec: () => get( p ),
		ok: status( 200 ),
		target: ratioTarget( 0.8 ),
	};
}

export const discoverySubject = (): Subject =>
	metadataSubject( 'discovery', 'discovery', PATHS.discovery );

export const jwksSubject = (): Subject =>
	metadataSubject( 'jwks', 'JWKS', PATHS.jwks );

/**
 * `offset` numbers the requests' state and nonce, so two measurements of authorize on one site
 * never send the same pair.
 */
export function authorizeSubject(
	rp: RegisteredClient,
	session: Session,
	offset: number
): Subject {
	return {
		id: 'authorize',
		label: 'authorize (signed in, no consent page)',
		ref: 'rest',
		spec: ( i ) => authorizeRequest( rp, session, offset + i ),
		ok: ( s ) =>
			s.status === 302 &&
			/[?&]code=/.test( String( s.headers.location ?? '' ) ),
		target: ratioTarget( 1.0 ),
	};
}
