/*
 * SharedMem IPC benchmark report: draws each chart from the option embedded next to it. Charts are built from
 * results.json by the report generator; this script only adds what JSON cannot carry (label formatters).
 */
(function () {
  'use strict';

  function nanos(ns) {
    if (ns < 1e3) { return ns.toFixed(0) + ' ns'; }
    if (ns < 1e6) { return sig3(ns / 1e3) + ' \u00b5s'; }
    if (ns < 1e9) { return sig3(ns / 1e6) + ' ms'; }
    return sig3(ns / 1e9) + ' s';
  }

  function rate(perSecond) {
    if (perSecond < 1e3) { return sig3(perSecond); }
    if (perSecond < 1e6) { return sig3(perSecond / 1e3) + ' k'; }
    if (perSecond < 1e9) { return sig3(perSecond / 1e6) + ' M'; }
    return sig3(perSecond / 1e9) + ' G';
  }

  // Axis ticks fall on whole decades: "10 µs" reads better than "10.0 µs".
  function tick(format) {
    return function (value) { return format(value).replace(/\.0+(?= |$)/, ''); };
  }

  function sig3(value) {
    return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  }

  // x is 1/(1-p): 1 -> 0%, 2 -> 50%, 10 -> 90%, 1000 -> 99.9%.
  function percentile(x) {
    var p = 100 * (1 - 1 / x);
    if (p <= 0) { return '0%'; }
    var digits = Math.max(0, Math.round(Math.log10(x)) - 2);
    return p.toFixed(digits) + '%';
  }

  var formatters = {
    latency: function (option) {
      option.xAxis.axisLabel = { formatter: percentile };
      option.yAxis.axisLabel = { formatter: tick(nanos) };
      option.tooltip = {
        trigger: 'item',
        formatter: function (item) {
          return item.seriesName + '<br>' + percentile(item.value[0]) + ': ' + nanos(item.value[1]);
        }
      };
    },
    throughput: function (option) {
      option.yAxis.axisLabel = { formatter: tick(rate) };
      option.tooltip = { trigger: 'item', formatter: function (item) {
        return item.seriesName + ', ' + item.name + ': ' + rate(item.value) + ' msgs/s';
      } };
    },
    rtt: function (option) {
      option.yAxis.axisLabel = { formatter: tick(nanos) };
      option.tooltip = { trigger: 'item', formatter: function (item) {
        return item.seriesName + ', ' + item.name + ': p50 ' + nanos(item.value);
      } };
    }
  };

  var charts = [];
  document.querySelectorAll('div.chart').forEach(function (div) {
    var source = document.getElementById(div.id + '-option');
    if (!source) { return; }
    var option = JSON.parse(source.textContent);
    var addFormatters = formatters[div.getAttribute('data-kind')];
    if (addFormatters) { addFormatters(option); }
    var chart = echarts.init(div);
    chart.setOption(option);
    charts.push(chart);
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
}());
