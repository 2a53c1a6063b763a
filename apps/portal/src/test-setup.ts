// Component tests wait up to 10 s for what a slow, shared machine renders late.
import { configure } from '@testing-library/preact';

configure({ asyncUtilTimeout: 10_000 });
