import { mountPage } from '@/components/common/mount-page';
import SidePanelApp from '@/components/sidepanel/SidePanelApp.vue';

mountPage(SidePanelApp);
