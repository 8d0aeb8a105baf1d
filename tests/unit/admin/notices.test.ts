import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { noticesReducer } from '../../../src/components/notices';

describe( 'noticesReducer', () => {
	it( 'puts the newest notice first with a fresh id', () => {
		let notices = noticesReducer( [], {
			type: 'add',
			status: 'error',
			message: 'one',
		} );
		notices = noticesReducer( notices, {
			type: 'add',
			status: 'success',
			message: 'two',
		} );
		assert.deepEqual(
			notices.map( ( notice ) => [ notice.id, notice.message ] ),
			[
				[ 2, 'two' ],
				[ 1, 'one' ],
			]
		);
	} );
	it( 'replaces a repeated message instead of stacking it', () => {
		let notices = noticesReducer( [], {
			type: 'add',
			status: 'error',
			message: 'same',
		} );
		notices = noticesReducer( notices, {
			type: 'add',
			status: 'error',
			message: 'same',
		} );
		assert.equal( notices.length, 1 );
		notices = noticesReducer( notices, {
			type: 'add',
			status: 'success',
			message: 'same',
		} );
		assert.equal( notices.length, 2 );
	} );
	it( 'removes one notice or clears them all', () => {
		const notices = noticesReducer(
			noticesReducer( [], { type: 'add', status: 'info', message: 'a' } ),
			{ type: 'add', status: 'info', message: 'b' }
		);
		assert.deepEqual(
			noticesReducer( notices, { type: 'remove', id: 1 } ).map(
				( n ) => n.message
			),
			[ 'b' ]
		);
		assert.deepEqual( noticesReducer( notices, { type: 'clear' } ), [] );
	} );
} );
