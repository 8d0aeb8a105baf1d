export type SortColumn = 'name' | 'client_id' | 'type' | 'created';

export type SortOrder = 'asc' | 'desc';

export interface ListQuery {
	search: string;
	orderby: SortColumn;
	order: SortOrder;
}
