import { useCallback, useEffect, useRef, useState } from '@wordpress/element';

export type LoadState< T > =
	| { status: 'loading' }
	| { status: 'failed'; error: unknown }
	| { status: 'ready'; data: T };

export interface Loaded< T > {
	state: LoadState< T >;
	/** Replaces the loaded data with what a save answered, without asking the server again. */
	setData: ( update: ( data: T ) => T ) => void;
	/** Asks the server again; the data already shown stays until the answer arrives. */
	reload: () => void;
}

/**
 * The one load of every screen: what the server holds, fetched once on mount (and on `reload`).
 * An answer that arrives after the screen went away, or after a newer reload, is dropped.
 */
export function useLoad< T >( load: () => Promise< T > ): Loaded< T > {
	const [ state, setState ] = useState< LoadState< T > >( {
		status: 'loading',
	} );
	const [ generation, setGeneration ] = useState( 0 );
	// The latest loader, so that a screen may pass an inline function without reloading each render.
	const loader = useRef( load );
	loader.current = load;

	useEffect( () => {
		let current = true;
		loader.current().then(
			( data ) => {
				if ( current ) {
					setState( { status: 'ready', data } );
				}
			},
			( error: unknown ) => {
				if ( current ) {
					setState( { status: 'failed', error } );
				}
			}
		);
		return () => {
			current = false;
		};
	}, [ generation ] );

	const setData = useCallback(
		( update: ( data: T ) => T ) =>
			setState( ( previous ) =>
				previous.status === 'ready'
					? { status: 'ready', data: update( previous.data ) }
					: previous
			),
		[]
	);
	const reload = useCallback(
		() => setGeneration( ( previous ) => previous + 1 ),
		[]
	);
	return { state, setData, reload };
}
