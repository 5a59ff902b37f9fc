use faultline_petrarch::*;
#[test]
fn debug() {
    let ids: Vec<String> = std::env::var("IDS").unwrap_or_default().split(',').map(String::from).collect();
    let path = std::path::Path::new("/work/shared/data/petrarch2/PETR.UnitTest.records.xml");
    let xml = PetrXml::read(path).unwrap().value;
    let env = xml.environment.clone().unwrap();
    let set = DictionarySet::from_environment(path.parent().unwrap(), &env).unwrap().value;
    let coder = PetrarchCoder::new(&set);
    for r in xml.sentences() {
        if !ids.contains(&r.id) { continue; }
        let t = r.tree("x").unwrap();
        println!("== {} {}\n{}\n{}", r.id, r.text, t, coder.trace(&t, r.date));
        println!("{:?}", coder.code(&t, r.date, &Options::default()));
    }
}
