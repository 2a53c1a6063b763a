// The managers' dashboards: CSAT by department by week, the expectation and perception gaps, SLA
// compliance, backlog age, volume by category and workload per person — each a chart or a table, and a CSV.
import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { FilterSelect } from '../components/FilterSelect';
import { ChartCard } from '../components/ChartCard';
import { DateRangePicker, lastDays, toApiRange } from '../components/DateRangePicker';
import { graphql } from '../gql';
import { wrapLabel } from '../lib/chart-labels';
import { csvFileName, type Column } from '../lib/csv';
import { formatPercent } from '../lib/time';
import { seesEveryDepartment, useViewer } from '../viewer';

export const DEPARTMENT_NAME = graphql(`
  fragment DepartmentName on Department {
    id
    name
  }
`);

const INSIGHTS = graphql(`
  query Insights($range: DateRange, $departmentId: ID) {
    departments {
      ...DepartmentName
    }
    insights(range: $range, departmentId: $departmentId) {
      departments {
        ...DepartmentName
      }
      csatByWeek {
        department {
          ...DepartmentName
        }
        weekStart
        csat
        responses
      }
      expectationGap {
        department {
          ...DepartmentName
        }
        responses
        metOrExceededRate
        below
        met
        exceeded
        ticketsWithExpectation
        expectedResolutionHours
        actualResolutionHours
      }
      perceptionGapByDepartment {
        department {
          ...DepartmentName
        }
        predictions
        averagePredicted
        averageScore
        gap
      }
      perceptionGapByStaff {
        predictions
        averagePredicted
        averageScore
        gap
        staff {
          id
          name
        }
        department {
          ...DepartmentName
        }
      }
      slaCompliance {
        department {
          ...DepartmentName
        }
        firstResponseTickets
        firstResponseMet
        firstResponseRate
        resolutionTickets
        resolutionMet
        resolutionRate
      }
      backlogAging {
        age
        tickets
      }
      volumeByCategory {
        category {
          id
          name
        }
        tickets
      }
      workload {
        staff {
          id
          name
        }
        open
        dueToday
        breached
      }
    }
  }
`);

// Colour-blind-safe series colours (Okabe–Ito) that keep 3:1 contrast on white.
const SERIES = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8A6D00', '#56B4E9', '#000000'];
const AGE_LABELS = { UNDER_1_DAY: '0–1 d', ONE_TO_3_DAYS: '1–3 d', THREE_TO_7_DAYS: '3–7 d', OVER_7_DAYS: '> 7 d' } as const;
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const hours = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
const gap = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
const week = (iso: string) => iso.slice(0, 10);

type ChartRow = Record<string, string | number | null>;

const DEPARTMENT_COLUMN: Column<{ department: { name: string } }> = { header: 'Department', value: (row) => row.department.name };

/** A perception gap's figures, the same for a department and for a person. */
const PERCEPTION_COLUMNS: Array<
  Column<{ predictions: number; averagePredicted: number | null; averageScore: number | null; gap: number | null }>
> = [
  { header: 'Predictions', value: (row) => row.predictions },
  { header: 'Mean predicted', value: (row) => gap(row.averagePredicted) },
  { header: 'Mean rating', value: (row) => gap(row.averageScore) },
  { header: 'Gap', value: (row) => gap(row.gap) },
];

const LINE_HEIGHT = 13;
/** A rotated axis title centred on its axis (recharts starts it at the middle otherwise). */
const CENTRED = { textAnchor: 'middle' } as const;
/** The legend at the very top, leaving the chart's top margin free for the values above the bars. */
const LEGEND_AT_TOP = { top: 0 } as const;

/** An axis tick whose name wraps onto several lines; the full name is its tooltip (title). */
function WrappedTick({ x, y, payload, side }: { x?: number; y?: number; payload?: { value: string }; side: 'bottom' | 'left' }) {
  const label = String(payload?.value ?? '');
  const lines = wrapLabel(label);
  const firstDy = side === 'bottom' ? 12 : -((lines.length - 1) * LINE_HEIGHT) / 2 + 4;
  return (
    <g>
      <title>{label}</title>
      <text x={x} y={y} textAnchor={side === 'bottom' ? 'middle' : 'end'} fontSize={12} fill="#333">
        {lines.map((line, index) => (
          <tspan key={index} x={side === 'bottom' ? x : (x ?? 0) - 4} dy={index === 0 ? firstDy : LINE_HEIGHT}>
            {line}
          </tspan>
        ))}
      </text>
    </g>
  );
}

/**
 * The bar chart every section uses: one bar series per entry of `bars`, keyed by the row field.
 * Every bar is named (interval 0, wrapped names) and carries its value; both axes say what they count.
 */
function Bars({
  data,
  bars,
  unit = '',
  domain,
  horizontal,
  counts,
  legend = bars.length > 1,
  nameAxis,
  valueAxis,
}: {
  data: ChartRow[];
  bars: Array<{ key: string; color: string }>;
  unit?: string;
  domain?: [number, number];
  horizontal?: boolean;
  /** Whole numbers on the value axis (ticket counts). */
  counts?: boolean;
  legend?: boolean;
  /** The axis title of the named bars, e.g. "Department". */
  nameAxis: string;
  /** The axis title of the values, with their unit, e.g. "Tickets" or "Compliance (%)". */
  valueAxis: string;
}) {
  const valueLabel = (
    <LabelList
      position={horizontal ? 'right' : 'top'}
      fontSize={11}
      formatter={(value: unknown) => (typeof value === 'number' ? `${value}${unit}` : '')}
    />
  );
  if (horizontal) {
    return (
      <ResponsiveContainer width="100%" height={Math.max(240, data.length * 34 + 70)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 40, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            allowDecimals={!counts}
            domain={domain}
            label={{ value: valueAxis, position: 'insideBottom', offset: -12 }}
          />
          <YAxis
            type="category"
            dataKey="name"
            width={150}
            interval={0}
            tick={<WrappedTick side="left" />}
            label={{ value: nameAxis, angle: -90, position: 'insideLeft', style: CENTRED }}
          />
          <Tooltip />
          {legend && <Legend verticalAlign="top" wrapperStyle={LEGEND_AT_TOP} />}
          {bars.map((bar) => (
            <Bar key={bar.key} dataKey={bar.key} fill={bar.color}>
              {valueLabel}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    );
  }
  return (
    <ResponsiveContainer width="100%" height={300}>
      <BarChart data={data} margin={{ top: 20, right: 8, bottom: 28, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="name"
          interval={0}
          height={56}
          tick={<WrappedTick side="bottom" />}
          label={{ value: nameAxis, position: 'insideBottom', offset: -16 }}
        />
        <YAxis
          unit={unit}
          domain={domain}
          allowDecimals={!counts}
          label={{ value: valueAxis, angle: -90, position: 'insideLeft', offset: -4, style: CENTRED }}
        />
        <Tooltip />
        {legend && <Legend verticalAlign="top" wrapperStyle={LEGEND_AT_TOP} />}
        {bars.map((bar) => (
          <Bar key={bar.key} dataKey={bar.key} fill={bar.color}>
            {valueLabel}
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export default function Insights() {
  const viewer = useViewer();
  const [range, setRange] = useState(() => lastDays(56));
  const [departmentId, setDepartmentId] = useState('');
  const { data, error, loading } = useQuery(INSIGHTS, {
    variables: { range: toApiRange(range), departmentId: departmentId || null },
  });
  const insights = data?.insights;

  const scope = departmentId
    ? (data?.departments.find((department) => department.id === departmentId)?.name ?? '')
    : seesEveryDepartment(viewer)
      ? 'every department'
      : (viewer.department?.name ?? '');
  const period = `${range.from} to ${range.to}`;
  /** Backlog age and workload are now, not a period: their files carry today's date. */
  const today = new Date().toISOString().slice(0, 10);

  // One row per week with a column per department, the shape a line chart wants.
  const weekly = useMemo(() => {
    const byWeek = new Map<string, Record<string, number | string | null>>();
    for (const row of insights?.csatByWeek ?? []) {
      const entry = byWeek.get(row.weekStart) ?? { week: week(row.weekStart) };
      entry[row.department.name] = percent(row.csat);
      byWeek.set(row.weekStart, entry);
    }
    return [...byWeek.values()];
  }, [insights]);

  return (
    <section aria-labelledby="insights-title" className="insights">
      <div className="page-head">
        <h1 id="insights-title">Insights</h1>
        {loading && (
          <p className="loading" aria-live="polite">
            Updating…
          </p>
        )}
      </div>
      <div className="filters">
        <DateRangePicker value={range} onChange={setRange} />
        {seesEveryDepartment(viewer) && (
          <FilterSelect
            label="Department"
            every="Every department"
            value={departmentId}
            options={(data?.departments ?? []).map((department) => ({ value: department.id, label: department.name }))}
            onChange={setDepartmentId}
          />
        )}
      </div>
      {error && <p role="alert">{error.message}</p>}
      {insights && (
        <div className="chart-grid">
          <ChartCard
            title="CSAT by department by week"
            description="Share of the ratings given each week that are 4 or 5 (weeks start Monday 00:00 UTC)."
            fileName={csvFileName('CSAT by department by week', scope, period)}
            rows={insights.csatByWeek}
            columns={[
              { header: 'Week', value: (row) => week(row.weekStart) },
              DEPARTMENT_COLUMN,
              { header: 'CSAT %', value: (row) => percent(row.csat) },
              { header: 'Ratings', value: (row) => row.responses },
            ]}
            chart={
              <ResponsiveContainer width="100%" height={260}>
                <LineChart data={weekly} margin={{ top: 8, right: 8, bottom: 24, left: 16 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="week" label={{ value: 'Week starting (Monday, UTC)', position: 'insideBottom', offset: -16 }} />
                  <YAxis
                    domain={[0, 100]}
                    unit="%"
                    label={{ value: 'CSAT (%)', angle: -90, position: 'insideLeft', offset: -4, style: CENTRED }}
                  />
                  <Tooltip />
                  <Legend verticalAlign="top" wrapperStyle={LEGEND_AT_TOP} />
                  {insights.departments.map((department, index) => (
                    <Line
                      key={department.id}
                      dataKey={department.name}
                      stroke={SERIES[index % SERIES.length]}
                      strokeWidth={2}
                      connectNulls
                    />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            }
          />
          <ChartCard
            title="Expectation gap"
            description={`Did we meet what students expected? Met or exceeded: ${insights.expectationGap.map((row) => `${row.department.name} ${formatPercent(row.metOrExceededRate)}`).join(' · ')}. The chart compares expected and actual resolution hours.`}
            fileName={csvFileName('Expectation gap', scope, period)}
            rows={insights.expectationGap}
            columns={[
              DEPARTMENT_COLUMN,
              { header: 'Met or exceeded %', value: (row) => percent(row.metOrExceededRate) },
              { header: 'Below', value: (row) => row.below },
              { header: 'Met', value: (row) => row.met },
              { header: 'Exceeded', value: (row) => row.exceeded },
              { header: 'Expected h', value: (row) => hours(row.expectedResolutionHours) },
              { header: 'Actual h', value: (row) => hours(row.actualResolutionHours) },
              { header: 'Tickets with an expectation', value: (row) => row.ticketsWithExpectation },
            ]}
            chart={
              <Bars
                data={insights.expectationGap.map((row) => ({
                  name: row.department.name,
                  Expected: hours(row.expectedResolutionHours),
                  Actual: hours(row.actualResolutionHours),
                }))}
                bars={[
                  { key: 'Expected', color: SERIES[0]! },
                  { key: 'Actual', color: SERIES[1]! },
                ]}
                unit=" h"
                nameAxis="Department"
                valueAxis="Hours to resolve"
              />
            }
          />
          <ChartCard
            title="Perception gap by department"
            description="Staff prediction minus student rating: above 0 means we think we did better than students do."
            fileName={csvFileName('Perception gap by department', scope, period)}
            rows={insights.perceptionGapByDepartment}
            columns={[DEPARTMENT_COLUMN, ...PERCEPTION_COLUMNS]}
            chart={
              <Bars
                data={insights.perceptionGapByDepartment.map((row) => ({ name: row.department.name, Gap: gap(row.gap) }))}
                bars={[{ key: 'Gap', color: SERIES[3]! }]}
                nameAxis="Department"
                valueAxis="Gap (1–5 scale)"
              />
            }
          />
          <ChartCard
            title="Workload by person"
            description="Right now, whatever the period: unresolved tickets assigned to each person, those whose next SLA target falls due before midnight (the department's time zone), and those already breached."
            fileName={csvFileName('Workload by person', scope, today)}
            rows={insights.workload}
            columns={[
              { header: 'Staff member', value: (row) => row.staff.name },
              { header: 'Open', value: (row) => row.open },
              { header: 'Due today', value: (row) => row.dueToday },
              { header: 'Breached', value: (row) => row.breached },
            ]}
          />
          <ChartCard
            title="Perception gap by person"
            fileName={csvFileName('Perception gap by person', scope, period)}
            rows={insights.perceptionGapByStaff}
            columns={[{ header: 'Staff member', value: (row) => row.staff.name }, DEPARTMENT_COLUMN, ...PERCEPTION_COLUMNS]}
          />
          <ChartCard
            title="SLA compliance"
            description="Tickets reported in the period, per target once decided: met on time, or missed (late, or still open after the due time). Tickets without an SLA have no target."
            fileName={csvFileName('SLA compliance', scope, period)}
            rows={insights.slaCompliance}
            columns={[
              DEPARTMENT_COLUMN,
              { header: 'First response %', value: (row) => percent(row.firstResponseRate) },
              { header: 'First response met', value: (row) => `${row.firstResponseMet} of ${row.firstResponseTickets}` },
              { header: 'Resolution %', value: (row) => percent(row.resolutionRate) },
              { header: 'Resolution met', value: (row) => `${row.resolutionMet} of ${row.resolutionTickets}` },
            ]}
            chart={
              <Bars
                data={insights.slaCompliance.map((row) => ({
                  name: row.department.name,
                  'First response': percent(row.firstResponseRate),
                  Resolution: percent(row.resolutionRate),
                }))}
                bars={[
                  { key: 'First response', color: SERIES[0]! },
                  { key: 'Resolution', color: SERIES[2]! },
                ]}
                unit="%"
                domain={[0, 100]}
                nameAxis="Department"
                valueAxis="Targets met (%)"
              />
            }
          />
          <ChartCard
            title="Backlog age"
            description="Unresolved tickets right now, by time since they were reported."
            fileName={csvFileName('Backlog age', scope, today)}
            rows={insights.backlogAging}
            columns={[
              { header: 'Age', value: (row) => AGE_LABELS[row.age] },
              { header: 'Tickets', value: (row) => row.tickets },
            ]}
            chart={
              <Bars
                data={insights.backlogAging.map((row) => ({ name: AGE_LABELS[row.age], Tickets: row.tickets }))}
                bars={[{ key: 'Tickets', color: SERIES[1]! }]}
                counts
                nameAxis="Time since reported"
                valueAxis="Unresolved tickets"
              />
            }
          />
          <ChartCard
            title="Volume by category"
            fileName={csvFileName('Volume by category', scope, period)}
            rows={insights.volumeByCategory}
            columns={[
              { header: 'Category', value: (row) => row.category.name },
              { header: 'Tickets', value: (row) => row.tickets },
            ]}
            chart={
              <Bars
                data={insights.volumeByCategory.map((row) => ({ name: row.category.name, Tickets: row.tickets }))}
                bars={[{ key: 'Tickets', color: SERIES[0]! }]}
                horizontal
                counts
                nameAxis="Category"
                valueAxis="Tickets reported"
              />
            }
          />
        </div>
      )}
    </section>
  );
}
