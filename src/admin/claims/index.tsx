import { mountAdminScreen } from '../../components/mount';
import { ClaimsScreen } from './components/ClaimsScreen';

import './claims.scss';

mountAdminScreen( <ClaimsScreen /> );
