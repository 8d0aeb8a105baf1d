import type { ReactNode } from 'react';

interface PageHeaderProps {
	title: string;
	/** Links shown next to the title, like WordPress's "Add New" button. */
	actions?: ReactNode;
}

export function PageHeader( { title, actions }: PageHeaderProps ) {
	return (
		<>
			<h1 className="wp-heading-inline">{ title }</h1>
			{ actions }
			<hr className="wp-header-end" />
		</>
	);
}
