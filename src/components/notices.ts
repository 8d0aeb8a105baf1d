/**
 * The list of notices a screen shows at its top. Pure, so the reducer is unit-tested.
 */

export type NoticeStatus = 'success' | 'error' | 'warning' | 'info';

export interface ScreenNotice {
	id: number;
	status: NoticeStatus;
	message: string;
}

export type NoticeAction =
	| { type: 'add'; status: NoticeStatus; message: string }
	| { type: 'remove'; id: number }
	| { type: 'clear' };

/** Newest first; a repeated message replaces its older copy instead of stacking. */
export function noticesReducer(
	notices: ScreenNotice[],
	action: NoticeAction
): ScreenNotice[] {
	switch ( action.type ) {
		case 'add': {
			const id =
				notices.reduce(
					( max, notice ) => Math.max( max, notice.id ),
					0
				) + 1;
			const others = notices.filter(
				( notice ) =>
					notice.message !== action.message ||
					notice.status !== action.status
			);
			return [
				{ id, status: action.status, message: action.message },
				...others,
			];
		}
		case 'remove':
			return notices.filter( ( notice ) => notice.id !== action.id );
		case 'clear':
			return [];
	}
}
