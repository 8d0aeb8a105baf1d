import { Card, CardBody, CardHeader } from '@wordpress/components';
import type { ReactNode } from 'react';

interface ResultCardProps {
	title: string;
	className: string;
	children: ReactNode;
}

/**
 * One part of the result (token response, a token, UserInfo): a card that is also a landmark
 * named by its title, so screen readers and tests find each part by name.
 */
export function ResultCard( { title, className, children }: ResultCardProps ) {
	return (
		<Card className={ className } role="region" aria-label={ title }>
			<CardHeader>
				<h2>{ title }</h2>
			</CardHeader>
			<CardBody>{ children }</CardBody>
		</Card>
	);
}
