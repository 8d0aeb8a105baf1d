import type { Batch, LoadClient } from './http';
import {
	authorizeRequest,
	codeFrom,
	codeGrantRequest,
	tokensFrom,
	type RegisteredClient,
	type Session,
} from './oidc';
import { anchorCodes } from './anchor';

/** Codes, refresh tokens and access tokens flow from one protocol batch into the next. */
export class Chain {
	refresh: string[] = [];
	access: string[] = [];
	protected serial = 0;

	protected readonly client: LoadClient;

	protected readonly rp: RegisteredClient;

	protected readonly session: Session;

	constructor( client: LoadClient, rp: RegisteredClient, session: Session ) {
		this.client = client;
		this.rp = rp;
		this.session = session;
	}

	async mint( n: number ): Promise< string[] > {
		const offset = this.serial;
		this.serial += n;
		const batch = await this.client.batch(
			n,
			( i ) => authorizeRequest( this.rp, this.session, offset + i ),
			true
		);
		return batch.samples.map( codeFrom );
	}

	take( batch: Batch ): void {
		const access: string[] = [];
		for ( const sample of batch.samples ) {
			if ( sample.status !== 200 ) {
				continue;
			}
			const tokens = tokensFrom( sample );
			access.push( tokens.access );
			if ( tokens.refresh ) {
				this.refresh.push( tokens.refresh );
			}
		}
		if ( access.length > 0 ) {
			this.access = access;
		}
	}

	async exchange( n: number ): Promise< void > {
		const codes = await this.mint( n );
		this.take(
			await this.client.batch(
				n,
				( i ) => codeGrantRequest( this.rp, codes[ i ] as string ),
				true
			)
		);
	}
}

/** The same chain on the 2.3.1 anchor site, whose codes come from its consent form. */
export class AnchorChain extends Chain {
	override async mint( n: number ): Promise< string[] > {
		const offset = this.serial;
		this.serial += n;
		return anchorCodes( this.client, this.rp, this.session, offset, n );
	}
}
