package org.greenplan.demo;

/** Chinese place names for the synthetic town; invented combinations, not real addresses. */
final class Names {

    static final String[] STREET_WORDS = {"文一", "文二", "文三", "学院", "天目山", "古墩", "丰潭", "紫金港", "莫干山",
        "余杭塘", "良睦", "五常", "联胜", "荆长", "高教", "创景", "龙舟", "向往", "绿汀", "溪望", "梦想", "华丰", "南湖",
        "凤凰", "东湖", "西溪", "荷花", "杨柳", "桂花", "青山", "云栖", "翠苑", "玉泉", "灵峰", "钱塘", "望江", "临平",
        "星桥", "崇贤", "仁和", "振华", "通益", "明星", "乐园", "文昌", "晴川", "万安", "泰山", "宝善", "长乐"};
    static final String[] ESTATE_WORDS = {"桂花", "翠竹", "锦绣", "阳光", "金色", "碧水", "春晓", "望湖", "东湖", "西溪",
        "云栖", "梅园", "兰亭", "海棠", "紫荆", "枫林", "柳岸", "荷塘", "星河", "天元", "香樟", "丹桂", "和园", "嘉禾",
        "绿城", "晓风", "南苑", "北辰", "清华", "御景"};
    static final String[] ESTATE_SUFFIX = {"苑", "园", "府", "里", "家园", "花园", "新村", "公寓", "雅居", "名邸"};
    static final String[] PARK_WORDS = {"凤凰", "湿地", "滨河", "樱花", "银杏", "香樟", "枫叶", "青石", "月牙", "翠湖",
        "如意", "百草", "紫藤", "荷风", "竹韵", "晨曦", "梧桐", "芳草", "望月", "彩虹"};
    static final String[] RIVERS = {"苕溪", "上塘河", "余杭塘河", "闲林港", "五常港", "和睦港", "西塘河", "丁山河"};
    static final String[] HILLS = {"凤凰山", "南山", "狮子山", "青龙山", "大观山", "黄鹤山", "鸬鸟山", "超山"};
    static final String[] VILLAGES = {"西溪村", "杨家村", "陈家埠村", "王家桥村", "石门村", "南山村", "竹林村", "沈家村",
        "白沙村", "吴山村", "塘栖村", "安溪村", "双桥村", "上湖村", "洪桥村", "五星村"};
    static final String[] STREETS = {"东湖街道", "南苑街道", "星桥街道", "临平街道", "五常街道", "闲林街道", "良渚街道",
        "仓前街道", "余杭街道", "仁和街道"};

    private Names() {
    }

    static String pick(String[] words, double unit) {
        return words[(int) Math.min(words.length - 1, Math.floor(unit * words.length))];
    }
}
