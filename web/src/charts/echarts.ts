/**
 * The parts of ECharts the statistics charts use, and nothing more (the full build is several times larger): line
 * and bar charts, axes, tooltip, legend and datasets, drawn as SVG. Loaded on demand by the statistics page only.
 * The SVG renderer sets styles through CSSOM (allowed by `style-src 'self'`) and adds no <style> element while
 * animation is off, so the charts run under the server's CSP.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, DatasetComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { init };
