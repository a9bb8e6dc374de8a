//! CPU time of processes, from `/proc`, for the benches: per request it measures the work a
//! request costs, whatever else keeps the cores busy (it still scales with the cores' speed).

/// The CPU time `pid` (or `self`) has used so far, user and system, in milliseconds
/// (`utime` + `stime` of `/proc/<pid>/stat`, in the kernel's fixed 100 ticks a second).
pub fn cpu_ms(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    Some(stat_cpu_ms(&stat)?.1)
}

/// The command name and the CPU time in milliseconds of a `/proc/<pid>/stat` line.
fn stat_cpu_ms(stat: &str) -> Option<(&str, f64)> {
    // The command name is in parentheses and may hold spaces; after it, state is the 3rd field
    // of the line, utime the 14th and stime the 15th.
    let name = &stat[stat.find('(')? + 1..stat.rfind(')')?];
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let utime: f64 = fields.next()?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    Some((name, (utime + stime) * 10.0))
}

/// The CPU time, in milliseconds, used so far by every process named `name` on this machine
/// (`postgres`: the server and all its backends, which are the local PostgreSQL's share of a
/// request). Processes that ended in between are not counted.
pub fn cpu_ms_of_all(name: &str) -> f64 {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|pid| pid.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/stat")).ok())
        .filter_map(|stat| match stat_cpu_ms(&stat) {
            Some((comm, ms)) if comm == name => Some(ms),
            _ => None,
        })
        .sum()
}
