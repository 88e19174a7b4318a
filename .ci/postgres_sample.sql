-- The sample data of configs/monthly_review.yaml as typed PostgreSQL tables (see .ci/postgres.sh).
create table orders (order_id text, order_date date, customer_id text, customer_type text,
                     rep text, region text, product_line text, channel text,
                     amount numeric(14, 2), is_promo integer);
\copy orders from 'sample_inputs/orders.csv' with (format csv, header true)
create table leads (lead_id text, created_date date, rep text, source_channel text, region text,
                    priority text, stage_reached text, first_response_hours double precision,
                    follow_up_days double precision);
\copy leads from 'sample_inputs/leads.csv' with (format csv, header true)
create table targets_raw (month text, metric text, rep text, target double precision);
\copy targets_raw from 'sample_inputs/targets.csv' with (format csv, header true)
create table targets as
  select to_date(month || '-01', 'YYYY-MM-DD') as month, metric, nullif(rep, '') as rep, target
  from targets_raw;
drop table targets_raw;
