import { mountAdminScreen } from '../../components/mount';
import { ActivityScreen } from './components/ActivityScreen';

import './activity.scss';

mountAdminScreen( <ActivityScreen /> );
