/**
 * Fixed lists of the national intake template. API values are stable codes (English ids, or the national code where
 * one exists); the Chinese labels are what the import template shows and accepts.
 */

/** 民族, GB/T 3304 codes */
export const ETHNICITIES: Record<string, string> = {
  '01': '汉族', '02': '蒙古族', '03': '回族', '04': '藏族', '05': '维吾尔族', '06': '苗族', '07': '彝族', '08': '壮族',
  '09': '布依族', '10': '朝鲜族', '11': '满族', '12': '侗族', '13': '瑶族', '14': '白族', '15': '土家族', '16': '哈尼族',
  '17': '哈萨克族', '18': '傣族', '19': '黎族', '20': '傈僳族', '21': '佤族', '22': '畲族', '23': '高山族', '24': '拉祜族',
  '25': '水族', '26': '东乡族', '27': '纳西族', '28': '景颇族', '29': '柯尔克孜族', '30': '土族', '31': '达斡尔族',
  '32': '仫佬族', '33': '羌族', '34': '布朗族', '35': '撒拉族', '36': '毛南族', '37': '仡佬族', '38': '锡伯族',
  '39': '阿昌族', '40': '普米族', '41': '塔吉克族', '42': '怒族', '43': '乌孜别克族', '44': '俄罗斯族', '45': '鄂温克族',
  '46': '德昂族', '47': '保安族', '48': '裕固族', '49': '京族', '50': '塔塔尔族', '51': '独龙族', '52': '鄂伦春族',
  '53': '赫哲族', '54': '门巴族', '55': '珞巴族', '56': '基诺族', '97': '其他', '98': '外国血统中国籍人士',
};

export const SEXES = { male: '男', female: '女' } as const;

/** 入学季节 (A5.2) */
export const SEASONS = { autumn: '秋季', spring: '春季' } as const;

/** 学习形式 */
export const STUDY_MODES = { 'full-time': '全日制', 'part-time': '非全日制' } as const;

/** 学生类别 (where the student comes from) */
export const STUDENT_TYPES = {
  'junior-secondary-graduate': '应届初中毕业生',
  'former-junior-secondary-graduate': '往届初中毕业生',
  'senior-secondary-graduate': '高中毕业生',
  'veteran': '退役士兵',
  'farmer': '农民',
  'migrant-worker': '进城务工人员',
  'unemployed': '下岗失业人员',
  'other': '其他',
} as const;

/** 招生方式 */
export const RECRUITMENT_TYPES = {
  unified: '统一招生',
  independent: '自主招生',
  joint: '联合招生合作办学',
} as const;

/** 与学生关系 */
export const GUARDIAN_RELATIONSHIPS = { father: '父亲', mother: '母亲', grandparent: '祖父母/外祖父母', other: '其他监护人' } as const;

export type Season = keyof typeof SEASONS;
