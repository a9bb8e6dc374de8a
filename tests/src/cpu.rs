//! CPU time of processes, from `/proc`, for the benches: per request it measures the work a
//! request costs, whatever else keeps the cores busy (it still scales with the cores' speed).

/// The CPU time `pid` (or `self`) has used so far, user and system, in milliseconds
/// (`utime` + `stime` of `/proc/<pid>/stat`, in the kernel's fixed 100 ticks a second).
pub fn cpu_ms(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces: state is
    // the 3rd field of the line, utime the 14th and stime the 15th.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let utime: f64 = fields.next()?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    Some((utime + stime) * 10.0)
}

/// The CPU time, in milliseconds, used so far by every process named `name` on this machine
/// (`postgres`: the server and all its backends, which are the local PostgreSQL's share of a
/// request). Processes that ended in between are not counted.
pub fn cpu_ms_of_all(name: &str) -> f64 {
    let wanted = format!("({name})");
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|pid| pid.bytes().all(|b| b.is_ascii_digit()))
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .is_ok_and(|s| s.split_whitespace().nth(1) == Some(wanted.as_str()))
        })
        .filter_map(|pid| cpu_ms(&pid))
        .sum()
}
